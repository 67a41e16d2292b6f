/* Source locations and variable names, from the scenario's own debug information
 * (libdw): `file:line` for a return address in scenario code, and the symbol (static ones
 * too, from .symtab) for an address in its data. Heap addresses read `heap+0x40`. */
#include "analysis/symbols.h"

#include <elfutils/libdwfl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct ex_symbols {
    Dwfl *dwfl;
};

ex_symbols *ex_symbols_open(void) {
    static char *debuginfo_path = NULL;
    static const Dwfl_Callbacks callbacks = {
        .find_elf = dwfl_linux_proc_find_elf,
        .find_debuginfo = dwfl_standard_find_debuginfo,
        .debuginfo_path = &debuginfo_path,
    };
    ex_symbols *s = calloc(1, sizeof *s);
    s->dwfl = dwfl_begin(&callbacks);
    if (!s->dwfl || dwfl_linux_proc_report(s->dwfl, getpid()) != 0 ||
        dwfl_report_end(s->dwfl, NULL, NULL) != 0) {
        if (s->dwfl)
            dwfl_end(s->dwfl);
        s->dwfl = NULL;
    }
    return s;
}

void ex_symbols_close(ex_symbols *s) {
    if (!s)
        return;
    if (s->dwfl)
        dwfl_end(s->dwfl);
    free(s);
}

static const char *base_name(const char *path) {
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

bool ex_symbols_line(ex_symbols *s, const void *return_address, char *buf, size_t len) {
    if (!s || !s->dwfl || !return_address)
        return false;
    Dwarf_Addr pc = (Dwarf_Addr)(uintptr_t)return_address - 1; /* inside the call */
    Dwfl_Module *mod = dwfl_addrmodule(s->dwfl, pc);
    Dwfl_Line *line = mod ? dwfl_module_getsrc(mod, pc) : NULL;
    int lineno = 0;
    const char *file = line ? dwfl_lineinfo(line, NULL, &lineno, NULL, NULL, NULL) : NULL;
    if (!file)
        return false;
    snprintf(buf, len, "%s:%d", base_name(file), lineno);
    return true;
}

const char *ex_symbols_object(ex_symbols *s, const ex_runtime *rt, uintptr_t addr, char *buf,
                              size_t len) {
    if (rt && addr - (uintptr_t)rt->heap.base < rt->heap.used) {
        snprintf(buf, len, "heap+0x%zx", (size_t)(addr - (uintptr_t)rt->heap.base));
        return buf;
    }
    if (rt && ex_fiber_stacks_slot(&rt->stacks, addr) >= 0) {
        int slot = ex_fiber_stacks_slot(&rt->stacks, addr);
        snprintf(buf, len, "stack of %s+0x%zx",
                 slot < rt->exec.thread_count ? rt->threads[slot].name : "?",
                 (size_t)(addr - (uintptr_t)rt->fibers[slot].stack_lo));
        return buf;
    }
    Dwfl_Module *mod = s && s->dwfl ? dwfl_addrmodule(s->dwfl, addr) : NULL;
    GElf_Off offset = 0;
    GElf_Sym sym;
    const char *name =
        mod ? dwfl_module_addrinfo(mod, addr, &offset, &sym, NULL, NULL, NULL) : NULL;
    if (name && offset < (sym.st_size ? sym.st_size : 1)) {
        if (offset)
            snprintf(buf, len, "%s+%llu", name, (unsigned long long)offset);
        else
            snprintf(buf, len, "%s", name);
    } else {
        snprintf(buf, len, "0x%llx", (unsigned long long)addr);
    }
    return buf;
}

ex_symbols *ex_symbols_of(ex_runtime *rt) {
    if (!rt->symbols)
        rt->symbols = ex_symbols_open();
    return rt->symbols;
}

const char *ex_object_name(ex_runtime *rt, const void *addr, char *buf, size_t len) {
    return ex_symbols_object(rt ? ex_symbols_of(rt) : NULL, rt, (uintptr_t)addr, buf, len);
}

void ex_symbols_line_or_empty(ex_runtime *rt, const void *pc, char *buf, size_t len) {
    if (!ex_symbols_line(ex_symbols_of(rt), pc, buf, len))
        buf[0] = '\0';
}

void ex_symbols_call_site(ex_runtime *rt, const void *pc, char *buf, size_t len) {
    char where[128];
    ex_symbols_line_or_empty(rt, pc, where, sizeof where);
    snprintf(buf, len, "%s%sin %s", where, where[0] ? ", " : "", rt->exec.current->name);
}
