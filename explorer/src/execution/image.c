/* What an execution can change, listed once (see image.h). */
#include "execution/image.h"

int ex_image_regions(const ex_runtime *rt, unsigned parts, ex_region *out) {
    int n = parts & EX_IMAGE_DATA ? ex_image_data(rt, out) : 0;
    size_t threads = (size_t)rt->exec.thread_count;
    if ((parts & EX_IMAGE_THREADS) && threads) {
        out[n++] = (ex_region){(void *)rt->threads, threads * sizeof rt->threads[0]};
        out[n++] = (ex_region){(void *)rt->fibers, threads * sizeof rt->fibers[0]};
    }
#if EX_FIBER_ASM /* (a ucontext has no one stack pointer: checkpoints are off there) */
    for (size_t i = 0; (parts & EX_IMAGE_STACKS) && i < threads; i++) {
        const ex_fiber *f = &rt->fibers[i];
        char *sp = f->ctx.sp; /* from the saved stack pointer up */
        if (rt->threads[i].state != EX_T_LIVE && &rt->threads[i] != rt->exec.current)
            continue;
        if (sp < f->stack_lo || sp > f->stack_hi)
            return -1;
        out[n++] = (ex_region){sp, (size_t)(f->stack_hi - sp)};
    }
#endif
    return n;
}
