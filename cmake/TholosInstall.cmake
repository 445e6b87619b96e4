# `cmake --install`: the headers, the shared library, the `tholos` command,
# a CMake package (find_package(tholos) giving tholos::tholos) and a
# pkg-config file (tholos.pc).
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

# The installed command finds the library beside it (../lib).
set_target_properties(tholos_cli PROPERTIES INSTALL_RPATH "$ORIGIN/../${CMAKE_INSTALL_LIBDIR}")

install(TARGETS tholos EXPORT tholosTargets
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(TARGETS tholos_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/tholos
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} FILES_MATCHING PATTERN "*.h" PATTERN "*.hpp")
install(EXPORT tholosTargets NAMESPACE tholos::
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/tholos)

configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/tholosConfig.cmake.in
                              ${PROJECT_BINARY_DIR}/tholosConfig.cmake
                              INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/tholos)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/tholosConfigVersion.cmake
                                 COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/tholosConfig.cmake ${PROJECT_BINARY_DIR}/tholosConfigVersion.cmake
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/tholos)

# `cmake --install --prefix P` may choose the prefix after configuring, so the
# .pc file finds it relative to itself (pkg-config's ${pcfiledir}).
file(RELATIVE_PATH THOLOS_PC_PREFIX_FROM_PCDIR "/prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/prefix")
string(REGEX REPLACE "/$" "" THOLOS_PC_PREFIX_FROM_PCDIR "${THOLOS_PC_PREFIX_FROM_PCDIR}")
configure_file(${PROJECT_SOURCE_DIR}/cmake/tholos.pc.in ${PROJECT_BINARY_DIR}/tholos.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/tholos.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
