/* The cgraph discipline that names every object in creation order (creation_order.h). */
#include "analysis/graph/creation_order.h"

#include "analysis/graph/alloc.h"

#include <stdlib.h>
#include <string.h>

typedef struct ids {
    Agraph_t *graph;
    IDTYPE next;
    char **names; /* of the named object 2 * (i + 1): the graph's own strings */
    size_t count;
} ids;

static void *ids_open(Agraph_t *g, Agdisc_t *disc) {
    ids *d = ex_graph_zeroed(1, sizeof(ids));
    (void)disc;
    d->graph = g;
    return d;
}

static long ids_map(void *state, int objtype, char *name, IDTYPE *id, int create) {
    ids *d = state;
    (void)objtype;
    for (size_t i = d->count; name && i-- > 0;)
        if (!strcmp(d->names[i], name)) {
            *id = 2 * (IDTYPE)(i + 1);
            return 1;
        }
    if (!create)
        return 0;
    if (!name) {
        *id = 2 * d->next++ + 1;
        return 1;
    }
    d->names = ex_graph_resize(d->names, d->count + 1, sizeof *d->names);
    d->names[d->count++] = agstrdup(d->graph, name); /* freed with the graph's strings */
    *id = 2 * (IDTYPE)d->count;
    return 1;
}

static long ids_alloc(void *state, int objtype, IDTYPE id) {
    (void)state, (void)objtype, (void)id;
    return 0;
}

static void ids_free(void *state, int objtype, IDTYPE id) {
    (void)state, (void)objtype, (void)id;
}

static char *ids_print(void *state, int objtype, IDTYPE id) {
    ids *d = state;
    (void)objtype;
    return id % 2 == 0 && id / 2 - 1 < d->count ? d->names[id / 2 - 1] : NULL;
}

static void ids_close(void *state) {
    ids *d = state;
    free(d->names);
    free(d);
}

static void ids_register(void *state, int objtype, void *object) {
    (void)state, (void)objtype, (void)object;
}

static Agiddisc_t creation_order_ids = {ids_open,  ids_map,   ids_alloc,   ids_free,
                                        ids_print, ids_close, ids_register};
Agdisc_t ex_graph_creation_order = {&AgMemDisc, &creation_order_ids, &AgIoDisc};
