/* queue.Queue, as Python builds it: one Lock (mutex) and three Conditions over it
 * (not_empty, not_full, all_tasks_done). Its steps are those of the lock and conditions;
 * the items themselves sit in the explorer's per-execution memory, touched only while the
 * mutex is held. */
#include "execution/runtime.h"
#include "execution/scheduler.h"
#include "util/arena.h"

#include <string.h>

static void setup(ex_queue *q) {
    ex_condition_use(&q->not_empty_, &q->mutex_);
    ex_condition_use(&q->not_full_, &q->mutex_);
    ex_condition_use(&q->all_done_, &q->mutex_);
}

void ex_queue_init(ex_queue *q, long maxsize) {
    ex_need(ex_rt, q, __func__);
    q->maxsize_ = maxsize > 0 ? maxsize : 0;
}

static void push(ex_queue *q, void *item) {
    if (q->count_ == q->capacity_) {
        long capacity = q->capacity_ ? q->capacity_ * 2 : 8;
        void **items = ex_arena_alloc(&ex_rt->scratch, (size_t)capacity * sizeof *items);
        if (!items)
            ex_end_execution(ex_rt, EX_STATUS_CRASH, "out of memory for queue items");
        for (long i = 0; i < q->count_; i++)
            items[i] = q->items_[(q->head_ + i) % q->capacity_];
        q->items_ = items;
        q->capacity_ = capacity;
        q->head_ = 0;
    }
    q->items_[(q->head_ + q->count_++) % q->capacity_] = item;
}

static void *pop(ex_queue *q) {
    void *item = q->items_[q->head_];
    q->head_ = (q->head_ + 1) % q->capacity_;
    q->count_--;
    return item;
}

void ex_queue_put(ex_queue *q, void *item) {
    ex_need(ex_rt, q, __func__);
    setup(q);
    ex_lock_acquire(&q->mutex_);
    while (q->maxsize_ && q->count_ >= q->maxsize_)
        ex_condition_wait(&q->not_full_);
    push(q, item);
    q->unfinished_++;
    ex_condition_notify(&q->not_empty_, 1);
    ex_lock_release(&q->mutex_);
}

bool ex_queue_get_timeout(ex_queue *q, double timeout, void **item) {
    ex_need(ex_rt, q, __func__);
    setup(q);
    ex_lock_acquire(&q->mutex_);
    double end = timeout >= 0 ? ex_time() + timeout : -1;
    while (q->count_ == 0) {
        if (end >= 0 && end - ex_time() <= 0) { /* queue.Empty */
            ex_lock_release(&q->mutex_);
            return false;
        }
        if (end >= 0)
            ex_condition_wait_timeout(&q->not_empty_, end - ex_time());
        else
            ex_condition_wait(&q->not_empty_);
    }
    *item = pop(q);
    ex_condition_notify(&q->not_full_, 1);
    ex_lock_release(&q->mutex_);
    return true;
}

void *ex_queue_get(ex_queue *q) {
    ex_need(ex_rt, q, __func__);
    void *item = NULL;
    ex_queue_get_timeout(q, -1, &item);
    return item;
}

long ex_queue_qsize(ex_queue *q) {
    ex_need(ex_rt, q, __func__);
    ex_lock_acquire(&q->mutex_);
    long n = q->count_;
    ex_lock_release(&q->mutex_);
    return n;
}

void ex_queue_task_done(ex_queue *q) {
    ex_need(ex_rt, q, __func__);
    setup(q);
    ex_lock_acquire(&q->mutex_);
    if (q->unfinished_ <= 0)
        ex_misuse(ex_rt, "ValueError: task_done() called too many times");
    if (--q->unfinished_ == 0)
        ex_condition_notify_all(&q->all_done_);
    ex_lock_release(&q->mutex_);
}

void ex_queue_join(ex_queue *q) {
    ex_need(ex_rt, q, __func__);
    setup(q);
    ex_lock_acquire(&q->mutex_);
    while (q->unfinished_)
        ex_condition_wait(&q->all_done_);
    ex_lock_release(&q->mutex_);
}
