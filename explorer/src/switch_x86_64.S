/* The x86-64 context switch: saves the callee-saved registers and the FPU/SSE control
 * words on the current stack, stores the stack pointer in *from, and resumes *to.
 * void ex_fiber_switch_asm(void **from_sp, void *to_sp); System V ABI. */
#if defined(__x86_64__)
    .text
    .globl ex_fiber_switch_asm
    .hidden ex_fiber_switch_asm
    .type ex_fiber_switch_asm, @function
ex_fiber_switch_asm:
    .cfi_startproc
    pushq %rbp
    pushq %rbx
    pushq %r12
    pushq %r13
    pushq %r14
    pushq %r15
    subq $8, %rsp
    stmxcsr (%rsp)
    fnstcw 4(%rsp)
    movq %rsp, (%rdi)
    movq %rsi, %rsp
    ldmxcsr (%rsp)
    fldcw 4(%rsp)
    addq $8, %rsp
    popq %r15
    popq %r14
    popq %r13
    popq %r12
    popq %rbx
    popq %rbp
    ret
    .cfi_endproc
    .size ex_fiber_switch_asm, .-ex_fiber_switch_asm

/* First code a new fiber runs: r12 holds the entry function. The stack is 16-byte
 * aligned here, as a call expects. */
    .globl ex_fiber_trampoline
    .hidden ex_fiber_trampoline
    .type ex_fiber_trampoline, @function
ex_fiber_trampoline:
    .cfi_startproc
    .cfi_undefined rip
    xorl %ebp, %ebp
    callq *%r12
    ud2
    .cfi_endproc
    .size ex_fiber_trampoline, .-ex_fiber_trampoline
#endif
    .section .note.GNU-stack,"",@progbits
