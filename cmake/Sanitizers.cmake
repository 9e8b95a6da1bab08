# Sanitizer builds: -DLE_SANITIZE=address (AddressSanitizer + UndefinedBehaviorSanitizer) or thread (ThreadSanitizer).
# Every target built after this file is included is instrumented; LibTorch, libgomp and Qt come from Debian and are not.
# The runtime options and the suppression files (tests/sanitizers/, one reason per entry) are compiled into each
# executable through le_policy, so a test, a fuzzer or the app run by hand behaves the same as under CTest.
#
#   cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLE_SANITIZE=address
#   cmake -S . -B build-tsan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLE_SANITIZE=thread
#
# -DLE_FUZZ=ON (clang only) adds libFuzzer coverage instrumentation and builds the fuzz targets in tests/fuzz.

set(LE_SANITIZE "" CACHE STRING "Sanitizer build: address (ASan+UBSan), thread (TSan), or empty for none")
set_property(CACHE LE_SANITIZE PROPERTY STRINGS "" address thread)
option(LE_FUZZ "Build the libFuzzer targets (needs clang)" OFF)

set(le_sanitizer_flags "")
if(LE_SANITIZE STREQUAL "address")
    set(le_sanitizer_flags -fsanitize=address,undefined -fno-sanitize=vptr)
    # vptr checks need the dynamic type's RTTI; LibTorch's classes cross the boundary of an uninstrumented library
    # and produce reports about torch's own object layout, not about our code.
elseif(LE_SANITIZE STREQUAL "thread")
    set(le_sanitizer_flags -fsanitize=thread)
elseif(NOT LE_SANITIZE STREQUAL "")
    message(FATAL_ERROR "LE_SANITIZE must be address, thread or empty, not '${LE_SANITIZE}'")
endif()

if(LE_FUZZ)
    if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
        message(FATAL_ERROR "LE_FUZZ needs clang (configure with CC=clang CXX=clang++)")
    endif()
    if(NOT LE_SANITIZE STREQUAL "address")
        message(FATAL_ERROR "LE_FUZZ needs -DLE_SANITIZE=address: a fuzzer without ASan misses most memory errors")
    endif()
    # Coverage feedback for everything we compile; the libFuzzer main is linked into the fuzz targets only.
    list(APPEND le_sanitizer_flags -fsanitize=fuzzer-no-link)
endif()

if(le_sanitizer_flags)
    add_compile_options(${le_sanitizer_flags} -fno-omit-frame-pointer -g)
    add_link_options(${le_sanitizer_flags})
    # Default runtime options and suppression files, baked into every executable that links le_policy.
    set(LE_SANITIZER_DIR "${CMAKE_CURRENT_LIST_DIR}/../tests/sanitizers")
    get_filename_component(LE_SANITIZER_DIR "${LE_SANITIZER_DIR}" ABSOLUTE)
    configure_file("${CMAKE_CURRENT_LIST_DIR}/sanitizer_defaults.cpp.in"
                   "${CMAKE_BINARY_DIR}/sanitizer_defaults.cpp" @ONLY)
    target_sources(le_policy INTERFACE
        $<$<STREQUAL:$<TARGET_PROPERTY:TYPE>,EXECUTABLE>:${CMAKE_BINARY_DIR}/sanitizer_defaults.cpp>)
    message(STATUS "Sanitizers: ${le_sanitizer_flags}")
endif()
