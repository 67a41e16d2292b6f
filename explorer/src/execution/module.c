/* Scenario modules: finding them on the search path, loading them (dlopen), the snapshot of
 * their writable data that restores every global before each execution, and parameters.
 *
 * The writable data is each PT_LOAD segment with write permission, less the part the
 * loader made read-only after relocation (PT_GNU_RELRO: the GOT, with -z now). It is copied
 * once after loading (constructors have run) and copied back before every execution; then
 * -p parameters are applied on top. */
#include "execution/module.h"
#include "util/text.h"

#include <dirent.h>
#include <dlfcn.h>
#include <elf.h>
#include <errno.h>
#include <link.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef EXPLORER_SCENARIO_DIR
#define EXPLORER_SCENARIO_DIR "."
#endif

typedef struct segment_search {
    ex_module *module;
    uintptr_t base;
    const char *name;
} segment_search;

static void add_segment(ex_module *m, uintptr_t lo, uintptr_t hi) {
    if (hi <= lo || m->segment_count == (int)(sizeof m->segments / sizeof m->segments[0]))
        return;
    struct ex_segment *s = &m->segments[m->segment_count++];
    s->addr = (char *)lo;
    s->size = hi - lo;
    s->snapshot = malloc(s->size);
    memcpy(s->snapshot, s->addr, s->size);
}

static int find_segments(struct dl_phdr_info *info, size_t size, void *data) {
    (void)size;
    segment_search *q = data;
    if (info->dlpi_addr != q->base || strcmp(info->dlpi_name, q->name) != 0)
        return 0;
    uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
    uintptr_t relro_lo = 0, relro_hi = 0;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type == PT_GNU_RELRO) {
            relro_lo = (q->base + ph->p_vaddr) & ~(page - 1);
            relro_hi = (q->base + ph->p_vaddr + ph->p_memsz) & ~(page - 1);
        }
    }
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type != PT_LOAD || !(ph->p_flags & PF_W))
            continue;
        uintptr_t lo = q->base + ph->p_vaddr, hi = lo + ph->p_memsz;
        if (relro_hi > lo && relro_lo < hi) { /* keep what lies outside the RELRO pages */
            add_segment(q->module, lo, relro_lo > lo ? relro_lo : lo);
            lo = relro_hi > lo ? relro_hi : lo;
        }
        add_segment(q->module, lo, hi);
    }
    return 1;
}

static bool file_exists(const char *path) {
    return access(path, R_OK) == 0;
}

/* The search path: $EXPLORER_SCENARIO_PATH's folders, then the build's. malloc'd. */
static char *search_path(void) {
    const char *env = getenv("EXPLORER_SCENARIO_PATH");
    char *dirs = NULL;
    if (asprintf(&dirs, "%s%s%s", env ? env : "", env ? ":" : "", EXPLORER_SCENARIO_DIR) < 0)
        return NULL;
    return dirs;
}

/* Tries each folder of the search path for NAME.so. */
static char *locate(const char *name) {
    if (strchr(name, '/'))
        return strdup(name);
    char *dirs = search_path();
    if (!dirs)
        return NULL;
    char *result = NULL, *save = NULL;
    for (char *dir = strtok_r(dirs, ":", &save); dir && !result; dir = strtok_r(NULL, ":", &save)) {
        char *path = NULL;
        if (asprintf(&path, "%s/%s.so", dir, name) >= 0 && file_exists(path))
            result = path;
        else
            free(path);
    }
    free(dirs);
    return result;
}

/* ---- trying a module's constructors ----------------------------------------------- */

#define CONSTRUCTOR_SECONDS 10 /* how long a module's constructors may run in the trial */

static bool trying_constructors; /* set in the trial's child only */

bool ex_module_trying_constructors(void) {
    return trying_constructors;
}

/* The child: loads the module and says so on the pipe. exit() in a constructor leaves
 * with _exit (scenario/exit.c), a fault by its signal, a hang by SIGALRM. */
_Noreturn static void try_in_child(const char *path, int fd) {
    trying_constructors = true;
    alarm(CONSTRUCTOR_SECONDS);
    void *handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    char loaded = handle != NULL;
    _exit(write(fd, &loaded, 1) == 1 ? 0 : 1);
}

/* A module's constructors run when it is loaded, outside any execution: one that calls
 * exit(), crashes or hangs would take the explorer with it. So they run first in a child
 * process. False, with the reason in `err`, when they did not return. */
static bool constructors_return(const char *path, char *err, size_t errlen) {
    int fds[2];
    if (pipe(fds) != 0)
        return true; /* (no trial possible: load it as before) */
    fflush(NULL);    /* the child must not write our buffered output again */
    pid_t child = fork();
    if (child == 0) {
        close(fds[0]);
        try_in_child(path, fds[1]);
    }
    close(fds[1]);
    char loaded = 0;
    bool said = child > 0 && read(fds[0], &loaded, 1) == 1;
    close(fds[0]);
    int status = 0;
    if (child < 0 || waitpid(child, &status, 0) != child || said)
        return true; /* loaded, or failed to load: dlopen in this process says why */
    if (WIFEXITED(status))
        snprintf(err, errlen,
                 "cannot load scenario module %s: a constructor called exit(%d) (a module must "
                 "not end the process at load)",
                 path, WEXITSTATUS(status));
    else if (WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM)
        snprintf(err, errlen,
                 "cannot load scenario module %s: its constructors did not return within %d s",
                 path, CONSTRUCTOR_SECONDS);
    else
        snprintf(err, errlen, "cannot load scenario module %s: a constructor was killed by %s",
                 path, WIFSIGNALED(status) ? strsignal(WTERMSIG(status)) : "?");
    return false;
}

/* ---- opening ------------------------------------------------------------------------ */

/* What is wrong with the scenario's registration, or NULL: every field is read without
 * further checks. */
static const char *invalid_scenario(const ex_scenario *sc) {
    if (!sc->name || !sc->name[0])
        return "no name";
    if (!sc->summary)
        return "no summary";
    if (!sc->main)
        return "no main function";
    if (!sc->params_begin != !sc->params_end || sc->params_begin > sc->params_end)
        return "a broken parameter table";
    for (const ex_param *p = sc->params_begin; p && p < sc->params_end; p++)
        if (!p->name || !p->value || !p->help)
            return "a parameter without a name, value or help";
    if (!sc->untracked_begin != !sc->untracked_end || sc->untracked_begin > sc->untracked_end)
        return "a broken untracked-memory range";
    return NULL;
}

/* The module's scenario, or NULL with the reason in `err`. */
static const ex_scenario *scenario_of(void *handle, const char *path, char *err, size_t errlen) {
    const ex_scenario *sc = dlsym(handle, "explorer_scenario");
    if (!sc || sc->abi != EX_SCENARIO_ABI) {
        snprintf(err, errlen, "%s is not a scenario module (no EX_SCENARIO of this version)", path);
        return NULL;
    }
    const char *why = invalid_scenario(sc);
    if (why) {
        snprintf(err, errlen, "%s is not a valid scenario module: its EX_SCENARIO has %s", path,
                 why);
        return NULL;
    }
    return sc;
}

ex_module *ex_module_open(const char *name, char *err, size_t errlen) {
    char *path = locate(name);
    if (!path) {
        snprintf(err, errlen, "unknown scenario '%s' (see `explorer list`)", name);
        return NULL;
    }
    if (!constructors_return(path, err, errlen)) {
        free(path);
        return NULL;
    }
    void *handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        snprintf(err, errlen, "cannot load scenario module %s: %s", path, dlerror());
        free(path);
        return NULL;
    }
    const ex_scenario *sc = scenario_of(handle, path, err, errlen);
    if (!sc) {
        dlclose(handle);
        free(path);
        return NULL;
    }
    ex_module *m = calloc(1, sizeof *m);
    m->handle = handle;
    m->path = path;
    m->scenario = sc;
    struct link_map *lm = NULL;
    dlinfo(handle, RTLD_DI_LINKMAP, &lm);
    segment_search q = {m, lm->l_addr, lm->l_name};
    dl_iterate_phdr(find_segments, &q);
    size_t n = ex_module_param_count(m);
    m->param_values = calloc(n ? n : 1, sizeof *m->param_values);
    for (size_t i = 0; i < n; i++)
        m->param_values[i] = sc->params_begin[i].default_value;
    return m;
}

void ex_module_close(ex_module *m) {
    if (!m)
        return;
    ex_module_reset(m); /* leave it as it was loaded */
    for (int i = 0; i < m->segment_count; i++)
        free(m->segments[i].snapshot);
    dlclose(m->handle);
    free(m->param_values);
    free(m->path);
    free(m);
}

void ex_module_reset(ex_module *m) {
    for (int i = 0; i < m->segment_count; i++)
        memcpy(m->segments[i].addr, m->segments[i].snapshot, m->segments[i].size);
    size_t n = ex_module_param_count(m);
    for (size_t i = 0; i < n; i++)
        *m->scenario->params_begin[i].value = m->param_values[i];
}

const char *ex_module_name(const ex_module *m) {
    return m->scenario->name;
}

const char *ex_module_summary(const ex_module *m) {
    return m->scenario->summary;
}

const char *ex_module_path(const ex_module *m) {
    return m->path;
}

size_t ex_module_param_count(const ex_module *m) {
    const ex_scenario *sc = m->scenario;
    return sc->params_begin ? (size_t)(sc->params_end - sc->params_begin) : 0;
}

const char *ex_module_param(const ex_module *m, size_t i, const char **help, long *default_value,
                            long *value) {
    const ex_param *p = &m->scenario->params_begin[i];
    if (help)
        *help = p->help;
    if (default_value)
        *default_value = p->default_value;
    if (value)
        *value = m->param_values[i];
    return p->name;
}

bool ex_module_set_param(ex_module *m, const char *name, const char *value, char *err,
                         size_t errlen) {
    size_t n = ex_module_param_count(m);
    for (size_t i = 0; i < n; i++) {
        if (strcmp(m->scenario->params_begin[i].name, name) != 0)
            continue;
        char *end;
        errno = 0;
        long v = strtol(value, &end, 10);
        if (errno || end == value || *end) {
            snprintf(err, errlen, "bad value '%s' for parameter '%s' of %s: expected an integer",
                     value, name, m->scenario->name);
            return false;
        }
        m->param_values[i] = v;
        return true;
    }
    ex_text names = {0};
    for (size_t i = 0; i < n; i++)
        ex_text_printf(&names, "%s%s", i ? ", " : "", m->scenario->params_begin[i].name);
    snprintf(err, errlen, "unknown parameter '%s' for %s (it has: %s)", name, m->scenario->name,
             n ? names.data : "no parameters");
    ex_text_free(&names);
    return false;
}

typedef struct listed {
    char *name; /* NULL: the file did not load, `summary` says why */
    char *summary;
    char *path;
} listed;

/* By name; the files that did not load after the rest, by path. */
static int by_name(const void *a, const void *b) {
    const listed *x = a, *y = b;
    if (!x->name || !y->name)
        return !x->name != !y->name ? (x->name ? -1 : 1) : strcmp(x->path, y->path);
    return strcmp(x->name, y->name);
}

static void add_listed(listed **items, size_t *count, listed item) {
    *items = realloc(*items, (*count + 1) * sizeof **items);
    (*items)[(*count)++] = item;
}

static void list_dir(const char *dir, listed **items, size_t *count) {
    DIR *d = opendir(dir);
    if (!d)
        return;
    for (struct dirent *e; (e = readdir(d));) {
        size_t len = strlen(e->d_name);
        if (len < 4 || strcmp(e->d_name + len - 3, ".so") != 0)
            continue;
        char *path = NULL, err[512];
        if (asprintf(&path, "%s/%s", dir, e->d_name) < 0)
            continue;
        ex_module *m = ex_module_open(path, err, sizeof err);
        if (!m) {
            add_listed(items, count, (listed){NULL, strdup(err), path});
            continue;
        }
        free(path);
        bool seen = false;
        for (size_t i = 0; i < *count; i++)
            seen |= (*items)[i].name && strcmp((*items)[i].name, m->scenario->name) == 0;
        if (!seen)
            add_listed(
                items, count,
                (listed){strdup(m->scenario->name), strdup(m->scenario->summary), strdup(m->path)});
        ex_module_close(m);
    }
    closedir(d);
}

size_t ex_scenarios_each(ex_scenario_visitor fn, void *user) {
    listed *items = NULL;
    size_t count = 0;
    char *dirs = search_path();
    if (!dirs)
        return 0;
    char *save = NULL;
    for (char *dir = strtok_r(dirs, ":", &save); dir; dir = strtok_r(NULL, ":", &save))
        list_dir(dir, &items, &count);
    free(dirs);
    qsort(items, count, sizeof *items, by_name);
    size_t loaded = 0;
    for (size_t i = 0; i < count; i++) {
        loaded += items[i].name != NULL;
        fn(items[i].name, items[i].summary, items[i].path, user);
        free(items[i].name);
        free(items[i].summary);
        free(items[i].path);
    }
    free(items);
    return loaded;
}
