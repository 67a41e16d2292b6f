# explorer_add_scenario(NAME SOURCE... [OUTPUT_DIR dir] [NDEBUG]): builds a scenario module
# NAME.so, with assert() on unless NDEBUG is given (the build type's -DNDEBUG never applies).
#
# Scenario code is compiled with -fsanitize=thread so that every memory access calls the
# explorer's hooks, at -O0 so that each source-level access stays one access (at -O1 and
# above `balance = balance + n; balance = balance - n;` folds away), and with
# -fstack-clash-protection so that a frame larger than the guard page below each fiber
# stack touches every page on its way down: it faults in the guard (a stack overflow of its
# own thread) instead of jumping over it into another stack. It is linked without
# the sanitizer (libtsan is never linked) against libexplorer, with the C library's
# allocator and stdout functions wrapped so that the explorer owns the heap and the output,
# and with full RELRO so that the writable data the explorer restores holds no GOT.
# -Bsymbolic binds the module's references to its own globals and functions: without it a
# scenario's `int post;` or function `error` is whatever the process defined first under that
# name (libgvc's `post`, libc's error(3)). A failed assert() calls the runtime's
# __wrap___assert_fail: a failed check. exit(), _Exit() and quick_exit() end the execution,
# never the explorer (scenario/exit.c). Calls the explorer does not model yet (OS threads,
# fork, cancellation, signals to threads) end the execution as `unsupported`.
set(EXPLORER_SCENARIO_COMPILE_OPTIONS -O0 -g -fsanitize=thread -fno-omit-frame-pointer
                                      -fno-builtin -fstack-clash-protection)
set(EXPLORER_SCENARIO_LINK_OPTIONS
    -Wl,-z,relro,-z,now -Wl,-z,defs -Wl,-Bsymbolic
    -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=free
    -Wl,--wrap=printf,--wrap=vprintf,--wrap=puts,--wrap=putchar
    -Wl,--wrap=__assert_fail -Wl,--wrap=exit,--wrap=_Exit,--wrap=quick_exit
    -Wl,--wrap=pthread_create,--wrap=thrd_create,--wrap=fork,--wrap=pthread_cancel
    -Wl,--wrap=pthread_kill)

function(explorer_add_scenario name)
  cmake_parse_arguments(ARG "NDEBUG" "OUTPUT_DIR" "" ${ARGN})
  if(NOT ARG_OUTPUT_DIR)
    set(ARG_OUTPUT_DIR ${EXPLORER_SCENARIO_DIR})
  endif()
  add_library(${name} MODULE ${ARG_UNPARSED_ARGUMENTS})
  set_target_properties(${name} PROPERTIES PREFIX "" LIBRARY_OUTPUT_DIRECTORY ${ARG_OUTPUT_DIR})
  # The scenario's own build: no -O2 or sanitizers of the explorer's build leak in.
  set(assertions -UNDEBUG)
  if(ARG_NDEBUG)
    set(assertions -DNDEBUG)
  endif()
  set_property(TARGET ${name} PROPERTY COMPILE_OPTIONS ${EXPLORER_SCENARIO_COMPILE_OPTIONS}
                                                      ${assertions} -Wall -Wextra)
  target_link_options(${name} PRIVATE ${EXPLORER_SCENARIO_LINK_OPTIONS})
  target_link_libraries(${name} PRIVATE explorer_runtime)
  set_property(GLOBAL APPEND PROPERTY EXPLORER_SCENARIOS ${name})
endfunction()
