/* Crash isolation and the runaway watch (fault.c). */
#ifndef EXPLORER_FAULT_H
#define EXPLORER_FAULT_H

#include "execution/runtime.h"

void ex_faults_install(ex_runtime *rt);
void ex_faults_remove(ex_runtime *rt);
void ex_faults_forget_handler(ex_runtime *rt); /* after an execution a signal ended */

#endif
