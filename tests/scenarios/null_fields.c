/* test_null_fields: a registration with the right ABI number and no name, summary or main
 * function (written by hand, not with EX_SCENARIO). Opening it must fail with a message,
 * and `explorer list` must say so, not crash. */
#include <explorer/scenario.h>

const ex_scenario explorer_scenario = {EX_SCENARIO_ABI, NULL, NULL, NULL, NULL, NULL, NULL, NULL};
