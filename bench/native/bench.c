/*
 * Benchmarks of libnofuture.so called from C (not a test: nothing here asserts a time). See bench/native/README.md.
 *
 *   cc -O2 -std=gnu11 bench/native/bench.c $(PKG_CONFIG_PATH=out pkg-config --cflags --libs nofuture) -ldl -lpthread \
 *      -o /tmp/nfbench && /tmp/nfbench out/libsodium.so
 *
 * Every figure is the median over BATCHES batches of the per-operation time of one batch (clock_gettime around the
 * batch; small batches, so that on a shared, loaded host most batches run without being descheduled and the median
 * is the undisturbed cost), except the contention row, which times each read on its own and reports percentiles
 * (those include the timer's own cost, printed first, and any descheduling). libsodium's
 * sodium_malloc/sodium_free (loaded with dlopen from the path given, by default the copy publish puts beside
 * libnofuture.so) run in the same process for the ratio.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "nofuture.h"

#define BATCHES 1001

static double now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return v[n / 2];
}

static void die(const char *what, int rc)
{
    fprintf(stderr, "%s: %s (%d)\n", what, nf_strerror(rc), rc);
    exit(1);
}

#define TRY(call)                                                                                    \
    do {                                                                                             \
        int rc_ = (call);                                                                            \
        if (rc_ != NF_OK) die(#call, rc_);                                                           \
    } while (0)

/* ---- rows ---- */

static double bench_create(size_t size, int per_batch)
{
    double t[BATCHES];
    nf_handle *h = malloc(sizeof *h * (size_t)per_batch);
    for (int b = 0; b < BATCHES; b++) {
        double start = now_ns();
        for (int i = 0; i < per_batch; i++) TRY(nf_secret_new(size, 0, &h[i]));
        t[b] = (now_ns() - start) / per_batch;
        for (int i = 0; i < per_batch; i++) TRY(nf_secret_free(h[i]));
    }
    free(h);
    return median(t, BATCHES);
}

static double bench_new_free(size_t size, int per_batch)
{
    double t[BATCHES];
    for (int b = 0; b < BATCHES; b++) {
        double start = now_ns();
        for (int i = 0; i < per_batch; i++) {
            nf_handle h;
            TRY(nf_secret_new(size, 0, &h));
            TRY(nf_secret_free(h));
        }
        t[b] = (now_ns() - start) / per_batch;
    }
    return median(t, BATCHES);
}

static void *(*p_sodium_malloc)(size_t);
static void (*p_sodium_free)(void *);

static double bench_sodium(size_t size, int per_batch)
{
    double t[BATCHES];
    for (int b = 0; b < BATCHES; b++) {
        double start = now_ns();
        for (int i = 0; i < per_batch; i++) {
            void *p = p_sodium_malloc(size);
            if (p == NULL) die("sodium_malloc", 0);
            p_sodium_free(p);
        }
        t[b] = (now_ns() - start) / per_batch;
    }
    return median(t, BATCHES);
}

static double bench_copy(int write, size_t size, int per_batch)
{
    double t[BATCHES];
    uint8_t *buf = malloc(size);
    memset(buf, 0x5a, size);
    nf_handle h;
    TRY(nf_secret_new(size, 0, &h));
    for (int b = 0; b < BATCHES; b++) {
        double start = now_ns();
        for (int i = 0; i < per_batch; i++) {
            if (write) TRY(nf_secret_write(h, 0, buf, size));
            else TRY(nf_secret_read(h, buf, size, NULL));
        }
        t[b] = (now_ns() - start) / per_batch / (double)size;
    }
    TRY(nf_secret_free(h));
    free(buf);
    return median(t, BATCHES);
}

static double bench_version(int per_batch)
{
    double t[BATCHES];
    uint32_t v;
    for (int b = 0; b < BATCHES; b++) {
        double start = now_ns();
        for (int i = 0; i < per_batch; i++) TRY(nf_version(&v));
        t[b] = (now_ns() - start) / per_batch;
    }
    return median(t, BATCHES);
}

static double bench_clock(int per_batch)
{
    double t[BATCHES], sink = 0;
    for (int b = 0; b < BATCHES; b++) {
        double start = now_ns();
        for (int i = 0; i < per_batch; i++) sink += now_ns();
        t[b] = (now_ns() - start) / per_batch;
    }
    if (sink < 0) puts("");
    return median(t, BATCHES);
}

/* 8 threads read one 32-byte secret (nf_secret_read into a stack buffer); each read is timed on its own. */
#define THREADS 8
#define READS_PER_THREAD 200000
static nf_handle shared;
static double *latencies;

static void *reader(void *arg)
{
    double *out = latencies + (size_t)(intptr_t)arg * READS_PER_THREAD;
    uint8_t buf[32];
    for (int i = 0; i < READS_PER_THREAD; i++) {
        double start = now_ns();
        int rc = nf_secret_read(shared, buf, sizeof buf, NULL);
        out[i] = now_ns() - start;
        if (rc != NF_OK) die("nf_secret_read", rc);
    }
    return NULL;
}

static void bench_contention(double *p50, double *p99, double *p999, double *wall)
{
    TRY(nf_secret_random(32, 0, &shared));
    latencies = malloc(sizeof *latencies * THREADS * READS_PER_THREAD);
    pthread_t t[THREADS];
    double start = now_ns();
    for (intptr_t i = 0; i < THREADS; i++) pthread_create(&t[i], NULL, reader, (void *)i);
    for (int i = 0; i < THREADS; i++) pthread_join(t[i], NULL);
    *wall = (now_ns() - start) / 1e6;
    size_t n = (size_t)THREADS * READS_PER_THREAD;
    qsort(latencies, n, sizeof *latencies, cmp_double);
    *p50 = latencies[n / 2];
    *p99 = latencies[n * 99 / 100];
    *p999 = latencies[n * 999 / 1000];
    free(latencies);
    TRY(nf_secret_free(shared));
}

int main(int argc, char **argv)
{
    const char *sodium = argc > 1 ? argv[1] : "libsodium.so";
    void *lib = dlopen(sodium, RTLD_NOW);
    if (lib == NULL) { fprintf(stderr, "dlopen %s: %s\n", sodium, dlerror()); return 1; }
    int (*p_sodium_init)(void) = (int (*)(void))dlsym(lib, "sodium_init");
    p_sodium_malloc = (void *(*)(size_t))dlsym(lib, "sodium_malloc");
    p_sodium_free = (void (*)(void *))dlsym(lib, "sodium_free");
    if (!p_sodium_init || !p_sodium_malloc || !p_sodium_free || p_sodium_init() < 0) { fputs("libsodium\n", stderr); return 1; }

    /* Warm up: the runtime's first call, the pool's first slab, page faults. */
    bench_new_free(32, 10000);
    bench_new_free(1024, 10000);
    bench_sodium(32, 1000);

    printf("row\tvalue\tunit\n");
    printf("clock_gettime (timer overhead)\t%.1f\tns\n", bench_clock(1000));
    printf("nf_version\t%.1f\tns\n", bench_version(1000));
    printf("create 1 KiB secret (nf_secret_new, free outside timing)\t%.1f\tns\n", bench_create(1024, 200));
    double nf32 = bench_new_free(32, 200), nf1k = bench_new_free(1024, 200);
    double so32 = bench_sodium(32, 20), so1k = bench_sodium(1024, 20);
    printf("nf_secret_new+free 32 B\t%.1f\tns\n", nf32);
    printf("sodium_malloc+free 32 B\t%.1f\tns\n", so32);
    printf("ratio 32 B (sodium / nf)\t%.1f\tx\n", so32 / nf32);
    printf("nf_secret_new+free 1 KiB\t%.1f\tns\n", nf1k);
    printf("sodium_malloc+free 1 KiB\t%.1f\tns\n", so1k);
    printf("ratio 1 KiB (sodium / nf)\t%.1f\tx\n", so1k / nf1k);
    printf("nf_secret_write 64 KiB\t%.4f\tns/byte\n", bench_copy(1, 65536, 4));
    printf("nf_secret_read 64 KiB\t%.4f\tns/byte\n", bench_copy(0, 65536, 4));
    double p50, p99, p999, wall;
    bench_contention(&p50, &p99, &p999, &wall);
    printf("8 threads x %d nf_secret_read (32 B), one secret: p50\t%.0f\tns\n", READS_PER_THREAD, p50);
    printf("  p99\t%.0f\tns\n", p99);
    printf("  p99.9\t%.0f\tns\n", p999);
    printf("  wall time\t%.0f\tms\n", wall);
    return 0;
}
