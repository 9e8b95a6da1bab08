# `cmake --install` into a fresh prefix gives what the installed app needs: the launcher, the engine module beside
# it in <libdir>/latent-explorer, the MNIST digits where the app looks, the desktop entry and the checkpoint MIME type.
# Run by CTest as: cmake -DBUILD_DIR=... -DPREFIX=... -P install_layout.cmake
file(REMOVE_RECURSE "${PREFIX}")
execute_process(COMMAND "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${PREFIX}"
                RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "cmake --install failed (${rc}): ${err}")
endif()
foreach(expected
        bin/latent-explorer
        share/latent-explorer/mnist/train-images-idx3-ubyte
        share/latent-explorer/mnist/t10k-labels-idx1-ubyte
        share/applications/latent-explorer.desktop
        share/mime/packages/latent-explorer.xml)
    if(NOT EXISTS "${PREFIX}/${expected}")
        message(FATAL_ERROR "${expected} is not installed")
    endif()
endforeach()
file(GLOB_RECURSE engine "${PREFIX}/lib*/latent-explorer/liblatent-explorer-engine.so")
if(NOT engine)
    message(FATAL_ERROR "the engine module is not installed under <libdir>/latent-explorer")
endif()
# The installed launcher finds its installed engine (no build tree involved) and answers without a display.
execute_process(COMMAND "${PREFIX}/bin/latent-explorer" --help RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "the installed latent-explorer --help failed (${rc}): ${err}")
endif()
file(REMOVE_RECURSE "${PREFIX}")
