/* The x86-64 context switch: saves the callee-saved registers and the FPU/SSE control
 * words on the current stack, stores the stack pointer in *from, and resumes *to.
 * void ex_fiber_switch_asm(void **from_sp, void *to_sp); System V ABI. */
#if defined(__x86_64__)
/* The frame a switch leaves on a stack it leaves: rbp, rbx, r12-r15, then the control
 * words, with *\to the stack pointer after it. */
.macro PUSH_FRAME to
    pushq %rbp
    pushq %rbx
    pushq %r12
    pushq %r13
    pushq %r14
    pushq %r15
    subq $8, %rsp
    stmxcsr (%rsp)
    fnstcw 4(%rsp)
    movq %rsp, (\to)
.endm

.macro POP_FRAME
    addq $8, %rsp
    popq %r15
    popq %r14
    popq %r13
    popq %r12
    popq %rbx
    popq %rbp
.endm

    .text
    .globl ex_fiber_switch_asm
    .hidden ex_fiber_switch_asm
    .type ex_fiber_switch_asm, @function
ex_fiber_switch_asm:
    .cfi_startproc
    PUSH_FRAME %rdi
    movq %rsi, %rsp
    ldmxcsr (%rsp)
    fldcw 4(%rsp)
    POP_FRAME
    ret
    .cfi_endproc
    .size ex_fiber_switch_asm, .-ex_fiber_switch_asm

/* void ex_fiber_save(void **here_sp, void (*save)(void *), void *arg): pushes the frame
 * ex_fiber_switch_asm pops, stores its stack pointer in *here_sp, calls save(arg) below it
 * (the stack is 16-byte aligned there, as a call expects) and returns; switching to
 * *here_sp later returns from it once more. */
    .globl ex_fiber_save
    .hidden ex_fiber_save
    .type ex_fiber_save, @function
ex_fiber_save:
    .cfi_startproc
    PUSH_FRAME %rdi
    .cfi_adjust_cfa_offset 56
    movq %rdx, %rdi
    callq *%rsi
    POP_FRAME
    .cfi_adjust_cfa_offset -56
    ret
    .cfi_endproc
    .size ex_fiber_save, .-ex_fiber_save

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
