# Read by cpack for each generator (CPACK_PROJECT_CONFIG_FILE). Without dpkg-shlibdeps, or the
# file utility it needs, CPack would quietly build a DEB that depends on nothing.
if(CPACK_GENERATOR STREQUAL "DEB")
    find_program(AFD_DPKG_SHLIBDEPS dpkg-shlibdeps)
    find_program(AFD_FILE_UTILITY file)
    if(NOT AFD_DPKG_SHLIBDEPS OR NOT AFD_FILE_UTILITY)
        message(FATAL_ERROR "cpack -G DEB needs dpkg-shlibdeps and file to find the package's "
                            "dependencies: apt-get install dpkg-dev file")
    endif()
endif()
