/*
 * Scenarios for the C ABI (include/nofuture.h), run one per process by NativeAbiTests.cs:
 *   ./scenarios <name>   exits 0 on success, 1 with a message on stderr on failure.
 * Built with -fsanitize=address,undefined; output buffers are surrounded by canary bytes so a write past them
 * (which ASan cannot see: libnofuture.so is not instrumented) is still caught.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "nofuture.h"

static int failures;

#define CHECK(cond)                                                                                        \
    do {                                                                                                   \
        if (!(cond)) {                                                                                     \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond);                       \
            failures++;                                                                                    \
        }                                                                                                  \
    } while (0)

#define EXPECT_RC(call, expected)                                                                          \
    do {                                                                                                   \
        int rc_ = (call);                                                                                  \
        if (rc_ != (expected)) {                                                                           \
            fprintf(stderr, "%s:%d: %s returned %d (%s), expected %d\n", __FILE__, __LINE__, #call, rc_,  \
                    nf_strerror(rc_), (expected));                                                         \
            failures++;                                                                                    \
        }                                                                                                  \
    } while (0)

#define OK(call) EXPECT_RC(call, NF_OK)

/* ---- canary buffers: [16 x 0xA5][payload][16 x 0xA5] ---- */
#define CANARY 16
typedef struct {
    uint8_t *raw;
    uint8_t *p;
    size_t n;
} guarded_buf;

static guarded_buf buf_new(size_t n, uint8_t fill)
{
    guarded_buf b;
    b.raw = malloc(n + 2 * CANARY);
    memset(b.raw, 0xA5, n + 2 * CANARY);
    b.p = b.raw + CANARY;
    b.n = n;
    memset(b.p, fill, n);
    return b;
}

static int buf_canaries_ok(const guarded_buf *b)
{
    for (size_t i = 0; i < CANARY; i++)
        if (b->raw[i] != 0xA5 || b->p[b->n + i] != 0xA5) return 0;
    return 1;
}

static int all(const uint8_t *p, size_t n, uint8_t v)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != v) return 0;
    return 1;
}

static void buf_free(guarded_buf *b) { free(b->raw); }

/* ---- callbacks ---- */
typedef struct {
    const uint8_t *seen;
    size_t length;
    uint8_t copy[64];
    int calls;
    int result;
    nf_handle self;
    int nested_rc;
} cb_state;

static int read_cb(const uint8_t *data, size_t length, void *context)
{
    cb_state *s = context;
    s->seen = data;
    s->length = length;
    memcpy(s->copy, data, length < sizeof s->copy ? length : sizeof s->copy);
    s->calls++;
    return s->result;
}

static int write_cb(uint8_t *data, size_t length, void *context)
{
    cb_state *s = context;
    for (size_t i = 0; i < length; i++) data[i] = (uint8_t)(i + 1);
    s->length = length;
    s->calls++;
    return s->result;
}

static int freeze_inside_write_cb(uint8_t *data, size_t length, void *context)
{
    (void)data;
    (void)length;
    cb_state *s = context;
    s->nested_rc = nf_secret_freeze(s->self);
    return 0;
}

static int free_inside_read_cb(const uint8_t *data, size_t length, void *context)
{
    cb_state *s = context;
    s->nested_rc = nf_secret_free(s->self);
    /* The memory stays readable until the callback returns (the wipe waits for the lease). */
    s->copy[0] = data[length - 1];
    return 0;
}

static int overflow_write_cb(uint8_t *data, size_t length, void *context)
{
    (void)context;
    fprintf(stderr, "writing one byte past the secret\n");
    fflush(stderr);
    ((volatile uint8_t *)data)[length] = 0x42; /* guard page: SIGSEGV */
    return 0;
}

static int write_through_read_cb(const uint8_t *data, size_t length, void *context)
{
    (void)context;
    (void)length;
    ((volatile uint8_t *)(uintptr_t)data)[0] = 0x42; /* frozen guarded pages are read-only: SIGSEGV */
    return 0;
}

/* ---- scenarios ---- */

static void s_version(void)
{
    uint32_t v = 0;
    OK(nf_version(&v));
    CHECK(v == NF_VERSION);
    EXPECT_RC(nf_version(NULL), NF_E_NULL);
}

static void s_strerror(void)
{
    const char *unknown = nf_strerror(12345);
    CHECK(unknown != NULL && strlen(unknown) > 0);
    CHECK(nf_strerror(-19) != NULL && strcmp(nf_strerror(-19), unknown) == 0);
    CHECK(nf_strerror(1) != NULL && strcmp(nf_strerror(1), unknown) == 0);
    CHECK(nf_strerror(INT32_MIN) != NULL);
    for (int code = 0; code >= NF_E_LIMIT; code--) {
        const char *text = nf_strerror(code);
        CHECK(text != NULL && strlen(text) > 0 && strlen(text) < 200);
        CHECK(strcmp(text, unknown) != 0);
        CHECK(text == nf_strerror(code)); /* static */
        for (int other = code + 1; other <= 0; other++) CHECK(strcmp(text, nf_strerror(other)) != 0);
    }
}

static void s_secret_new(void)
{
    const uint32_t flag_sets[] = {0, NF_SECRET_GUARDED, NF_SECRET_POOLED, NF_SECRET_NO_ACCESS_AT_REST,
                                  NF_SECRET_BEST_EFFORT, NF_SECRET_STRICT | NF_SECRET_GUARDED};
    for (size_t f = 0; f < sizeof flag_sets / sizeof flag_sets[0]; f++) {
        nf_handle h = 0;
        OK(nf_secret_new(33, flag_sets[f], &h));
        CHECK(h != 0);
        size_t len = 0;
        OK(nf_secret_length(h, &len));
        CHECK(len == 33);
        guarded_buf b = buf_new(33, 0xEE);
        size_t written = 0;
        OK(nf_secret_read(h, b.p, b.n, &written));
        CHECK(written == 33 && all(b.p, 33, 0) && buf_canaries_ok(&b));
        buf_free(&b);
        OK(nf_secret_free(h));
    }
    nf_handle big = 0;
    OK(nf_secret_new(5000, 0, &big)); /* above the pooled maximum: guarded */
    uint32_t prot = 0, tier = 0;
    OK(nf_secret_protection(big, &prot, &tier));
    CHECK(tier == NF_TIER_GUARDED);
    OK(nf_secret_free(big));

    nf_handle h = 0x1234;
    EXPECT_RC(nf_secret_new(32, 0, NULL), NF_E_NULL);
    EXPECT_RC(nf_secret_new(0, 0, &h), NF_E_INVALID);
    EXPECT_RC(nf_secret_new(NF_SECRET_MAX_LENGTH + 1, 0, &h), NF_E_INVALID);
    EXPECT_RC(nf_secret_new(SIZE_MAX, 0, &h), NF_E_INVALID);
    EXPECT_RC(nf_secret_new(32, NF_SECRET_GUARDED | NF_SECRET_POOLED, &h), NF_E_INVALID);
    EXPECT_RC(nf_secret_new(32, NF_SECRET_STRICT | NF_SECRET_BEST_EFFORT, &h), NF_E_INVALID);
    EXPECT_RC(nf_secret_new(32, 1u << 10, &h), NF_E_INVALID);
    EXPECT_RC(nf_secret_new(32, 0x80000000u, &h), NF_E_INVALID);
    EXPECT_RC(nf_secret_new(5000, NF_SECRET_POOLED, &h), NF_E_INVALID);
    CHECK(h == 0x1234); /* untouched on error */
}

static void s_secret_random(void)
{
    nf_handle a = 0, b = 0;
    OK(nf_secret_random(32, 0, &a));
    OK(nf_secret_random(32, NF_SECRET_GUARDED, &b));
    uint8_t x[32], y[32];
    OK(nf_secret_read(a, x, sizeof x, NULL));
    OK(nf_secret_read(b, y, sizeof y, NULL));
    CHECK(memcmp(x, y, 32) != 0);
    CHECK(!all(x, 32, 0));
    int eq = -1;
    OK(nf_secret_equal(a, b, &eq));
    CHECK(eq == 0);
    nf_handle h = 0x77;
    EXPECT_RC(nf_secret_random(32, 0, NULL), NF_E_NULL);
    EXPECT_RC(nf_secret_random(0, 0, &h), NF_E_INVALID);
    EXPECT_RC(nf_secret_random(SIZE_MAX, 0, &h), NF_E_INVALID);
    EXPECT_RC(nf_secret_random(16, 64, &h), NF_E_INVALID);
    CHECK(h == 0x77);
    OK(nf_secret_free(a));
    OK(nf_secret_free(b));
}

static void s_secret_from_bytes(void)
{
    guarded_buf src = buf_new(20, 0x5C);
    nf_handle h = 0;
    OK(nf_secret_from_bytes(src.p, src.n, 0, &h));
    CHECK(all(src.p, 20, 0)); /* wiped */
    CHECK(buf_canaries_ok(&src));
    uint8_t out[20];
    OK(nf_secret_read(h, out, sizeof out, NULL));
    CHECK(all(out, 20, 0x5C));
    OK(nf_secret_free(h));

    /* Failures change nothing: the source is not wiped and no handle is written. */
    memset(src.p, 0x5C, src.n);
    nf_handle untouched = 0x99;
    EXPECT_RC(nf_secret_from_bytes(NULL, 20, 0, &untouched), NF_E_NULL);
    EXPECT_RC(nf_secret_from_bytes(src.p, 20, 0, NULL), NF_E_NULL);
    EXPECT_RC(nf_secret_from_bytes(src.p, 0, 0, &untouched), NF_E_INVALID);
    EXPECT_RC(nf_secret_from_bytes(src.p, SIZE_MAX, 0, &untouched), NF_E_INVALID);
    EXPECT_RC(nf_secret_from_bytes(src.p, 20, NF_SECRET_GUARDED | NF_SECRET_POOLED, &untouched), NF_E_INVALID);
    CHECK(untouched == 0x99);
    CHECK(all(src.p, 20, 0x5C) && buf_canaries_ok(&src));
    buf_free(&src);
}

static void s_secret_read(void)
{
    uint8_t seed[40];
    for (int i = 0; i < 40; i++) seed[i] = (uint8_t)(200 + i);
    nf_handle h = 0;
    OK(nf_secret_from_bytes(seed, sizeof seed, NF_SECRET_GUARDED, &h));

    for (size_t n = 0; n < 40; n++) { /* every short size: nothing written, *written = needed */
        guarded_buf b = buf_new(n, 0xEE);
        size_t written = 7;
        EXPECT_RC(nf_secret_read(h, n ? b.p : b.raw, n, &written), NF_E_BUFFER_SMALL);
        CHECK(written == 40);
        CHECK(all(b.p, n, 0xEE) && buf_canaries_ok(&b));
        buf_free(&b);
    }
    guarded_buf exact = buf_new(40, 0xEE), larger = buf_new(100, 0xEE);
    size_t written = 0;
    OK(nf_secret_read(h, exact.p, exact.n, &written));
    CHECK(written == 40 && exact.p[0] == 200 && exact.p[39] == 239 && buf_canaries_ok(&exact));
    OK(nf_secret_read(h, larger.p, larger.n, NULL)); /* written is optional */
    CHECK(larger.p[39] == 239 && all(larger.p + 40, 60, 0xEE) && buf_canaries_ok(&larger));
    EXPECT_RC(nf_secret_read(h, NULL, 40, &written), NF_E_NULL);
    written = 5;
    EXPECT_RC(nf_secret_read(0, exact.p, 40, &written), NF_E_BAD_HANDLE);
    CHECK(written == 5);
    buf_free(&exact);
    buf_free(&larger);
    OK(nf_secret_free(h));
}

static void s_secret_write(void)
{
    nf_handle h = 0;
    OK(nf_secret_new(16, 0, &h));
    const uint8_t abc[3] = {1, 2, 3};
    OK(nf_secret_write(h, 0, abc, 3));
    OK(nf_secret_write(h, 13, abc, 3));
    OK(nf_secret_write(h, 16, abc, 0));
    OK(nf_secret_write(h, 5, abc, 0));
    uint8_t out[16];
    OK(nf_secret_read(h, out, 16, NULL));
    const uint8_t want[16] = {1, 2, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3};
    CHECK(memcmp(out, want, 16) == 0);

    EXPECT_RC(nf_secret_write(h, 14, abc, 3), NF_E_INVALID);
    EXPECT_RC(nf_secret_write(h, 17, abc, 0), NF_E_INVALID);
    EXPECT_RC(nf_secret_write(h, SIZE_MAX, abc, 1), NF_E_INVALID);
    EXPECT_RC(nf_secret_write(h, 1, abc, SIZE_MAX), NF_E_INVALID);
    EXPECT_RC(nf_secret_write(h, 0, NULL, 3), NF_E_NULL);
    OK(nf_secret_read(h, out, 16, NULL));
    CHECK(memcmp(out, want, 16) == 0); /* failed writes changed nothing */
    OK(nf_secret_free(h));
}

static void s_secret_callbacks(void)
{
    const uint32_t flag_sets[] = {0, NF_SECRET_GUARDED, NF_SECRET_NO_ACCESS_AT_REST};
    for (size_t f = 0; f < 3; f++) {
        nf_handle h = 0;
        OK(nf_secret_new(24, flag_sets[f], &h));
        cb_state s;
        memset(&s, 0, sizeof s);
        OK(nf_secret_with_write(h, write_cb, &s));
        CHECK(s.calls == 1 && s.length == 24);
        memset(&s, 0, sizeof s);
        OK(nf_secret_with_read(h, read_cb, &s));
        CHECK(s.calls == 1 && s.length == 24 && s.copy[0] == 1 && s.copy[23] == 24);
        s.result = 7;
        EXPECT_RC(nf_secret_with_read(h, read_cb, &s), NF_E_CALLBACK);
        s.result = -1;
        EXPECT_RC(nf_secret_with_write(h, write_cb, &s), NF_E_CALLBACK);
        EXPECT_RC(nf_secret_with_read(h, NULL, &s), NF_E_NULL);
        EXPECT_RC(nf_secret_with_write(h, NULL, &s), NF_E_NULL);
        /* Freeing inside the callback: the free succeeds, the bytes stay readable until the callback returns. */
        memset(&s, 0, sizeof s);
        s.self = h;
        OK(nf_secret_with_read(h, free_inside_read_cb, &s));
        CHECK(s.nested_rc == NF_OK && s.copy[0] == 24);
        EXPECT_RC(nf_secret_with_read(h, read_cb, &s), NF_E_BAD_HANDLE);
    }
}

static void s_secret_freeze(void)
{
    const uint32_t flag_sets[] = {NF_SECRET_POOLED, NF_SECRET_GUARDED};
    for (size_t f = 0; f < 2; f++) {
        nf_handle h = 0;
        OK(nf_secret_random(32, flag_sets[f], &h));
        int frozen = -1;
        OK(nf_secret_is_frozen(h, &frozen));
        CHECK(frozen == 0);
        OK(nf_secret_freeze(h));
        OK(nf_secret_is_frozen(h, &frozen));
        CHECK(frozen == 1);
        uint8_t before[32], after[32];
        OK(nf_secret_read(h, before, 32, NULL));
        const uint8_t zero[4] = {0};
        cb_state s;
        memset(&s, 0, sizeof s);
        EXPECT_RC(nf_secret_write(h, 0, zero, 4), NF_E_FROZEN);
        EXPECT_RC(nf_secret_with_write(h, write_cb, &s), NF_E_FROZEN);
        CHECK(s.calls == 0);
        OK(nf_secret_with_read(h, read_cb, &s));
        OK(nf_secret_freeze(h)); /* idempotent */
        OK(nf_secret_read(h, after, 32, NULL));
        CHECK(memcmp(before, after, 32) == 0);
        OK(nf_secret_melt(h));
        OK(nf_secret_melt(h));
        OK(nf_secret_is_frozen(h, &frozen));
        CHECK(frozen == 0);
        OK(nf_secret_write(h, 0, zero, 4));
        /* Freeze during a write is refused. */
        memset(&s, 0, sizeof s);
        s.self = h;
        OK(nf_secret_with_write(h, freeze_inside_write_cb, &s));
        CHECK(s.nested_rc == NF_E_BUSY);
        EXPECT_RC(nf_secret_is_frozen(h, NULL), NF_E_NULL);
        OK(nf_secret_free(h));
    }
}

static void s_secret_equal(void)
{
    uint8_t a_bytes[16], b_bytes[16], c_bytes[17];
    memset(a_bytes, 9, 16);
    memset(b_bytes, 9, 16);
    memset(c_bytes, 9, 17);
    nf_handle a = 0, b = 0, c = 0, d = 0;
    OK(nf_secret_from_bytes(a_bytes, 16, 0, &a));
    OK(nf_secret_from_bytes(b_bytes, 16, NF_SECRET_GUARDED, &b));
    OK(nf_secret_from_bytes(c_bytes, 17, 0, &c));
    OK(nf_secret_random(16, 0, &d));
    int eq = -1;
    OK(nf_secret_equal(a, b, &eq));
    CHECK(eq == 1);
    OK(nf_secret_equal(a, a, &eq));
    CHECK(eq == 1);
    OK(nf_secret_equal(a, c, &eq));
    CHECK(eq == 0);
    OK(nf_secret_equal(a, d, &eq));
    CHECK(eq == 0);
    EXPECT_RC(nf_secret_equal(a, b, NULL), NF_E_NULL);
    eq = 5;
    EXPECT_RC(nf_secret_equal(a, 0, &eq), NF_E_BAD_HANDLE);
    EXPECT_RC(nf_secret_equal(0, a, &eq), NF_E_BAD_HANDLE);
    CHECK(eq == 5);
    OK(nf_secret_free(a));
    OK(nf_secret_free(b));
    OK(nf_secret_free(c));
    OK(nf_secret_free(d));
}

static void s_secret_protection(void)
{
    nf_handle g = 0, p = 0;
    OK(nf_secret_new(64, NF_SECRET_GUARDED, &g));
    OK(nf_secret_new(64, NF_SECRET_POOLED, &p));
    uint32_t prot = 0, tier = 0;
    OK(nf_secret_protection(g, &prot, &tier));
    CHECK(tier == NF_TIER_GUARDED && (prot & NF_PROT_GUARD_PAGES) != 0);
    OK(nf_secret_protection(p, &prot, &tier));
    CHECK(tier == NF_TIER_POOLED && (prot & NF_PROT_CANARIES) != 0);
    EXPECT_RC(nf_secret_protection(g, NULL, &tier), NF_E_NULL);
    EXPECT_RC(nf_secret_protection(g, &prot, NULL), NF_E_NULL);
    OK(nf_secret_free(g));
    OK(nf_secret_free(p));
}

/* Every function that takes a secret handle, called with `h`: all must return `expected`. */
static void all_secret_functions(nf_handle h, int expected)
{
    size_t len = 99;
    guarded_buf b = buf_new(8, 0xEE);
    int flag = 7;
    uint32_t prot = 5, tier = 5;
    nf_handle out = 0x55, ok = 0;
    cb_state s;
    memset(&s, 0, sizeof s);
    const uint8_t src[1] = {1};
    OK(nf_secret_new(8, 0, &ok));
    EXPECT_RC(nf_secret_length(h, &len), expected);
    EXPECT_RC(nf_secret_read(h, b.p, b.n, NULL), expected);
    EXPECT_RC(nf_secret_write(h, 0, src, 1), expected);
    EXPECT_RC(nf_secret_with_read(h, read_cb, &s), expected);
    EXPECT_RC(nf_secret_with_write(h, write_cb, &s), expected);
    EXPECT_RC(nf_secret_freeze(h), expected);
    EXPECT_RC(nf_secret_melt(h), expected);
    EXPECT_RC(nf_secret_is_frozen(h, &flag), expected);
    EXPECT_RC(nf_secret_protection(h, &prot, &tier), expected);
    EXPECT_RC(nf_secret_equal(h, ok, &flag), expected);
    EXPECT_RC(nf_secret_equal(ok, h, &flag), expected);
    EXPECT_RC(nf_enclave_seal(h, &out), expected);
    CHECK(len == 99 && flag == 7 && prot == 5 && tier == 5 && out == 0x55 && s.calls == 0);
    CHECK(all(b.p, 8, 0xEE) && buf_canaries_ok(&b));
    buf_free(&b);
    OK(nf_secret_free(ok));
}

static void all_enclave_functions(nf_handle h, int expected)
{
    size_t len = 99;
    nf_handle out = 0x55;
    EXPECT_RC(nf_enclave_length(h, &len), expected);
    EXPECT_RC(nf_enclave_open(h, 0, &out), expected);
    CHECK(len == 99 && out == 0x55);
}

static void all_mlkem_functions(nf_handle h, int expected)
{
    static uint8_t ct[NF_MLKEM768_CIPHERTEXT_BYTES], pk[NF_MLKEM768_PUBLIC_KEY_BYTES];
    size_t written = 77;
    nf_handle out = 0x55;
    int flag = 7;
    EXPECT_RC(nf_mlkem768_export_public(h, pk, sizeof pk, &written), expected);
    EXPECT_RC(nf_mlkem768_encapsulate(h, ct, sizeof ct, &out), expected);
    EXPECT_RC(nf_mlkem768_decapsulate(h, ct, sizeof ct, &out), expected);
    EXPECT_RC(nf_mlkem768_has_private(h, &flag), expected);
    CHECK(written == 77 && out == 0x55 && flag == 7);
}

static const uint32_t kem_algorithms[] = {NF_KEM_MLKEM512, NF_KEM_MLKEM768, NF_KEM_MLKEM1024, NF_KEM_XWING};

static void all_kem_functions(nf_handle h, int expected)
{
    static uint8_t ct[2048], pk[2048];
    size_t written = 77;
    nf_handle out = 0x55;
    int flag = 7;
    uint32_t alg = 7;
    EXPECT_RC(nf_kem_export_public(h, pk, sizeof pk, &written), expected);
    EXPECT_RC(nf_kem_encapsulate(h, ct, sizeof ct, &written, &out), expected);
    EXPECT_RC(nf_kem_decapsulate(h, ct, 1088, &out), expected);
    EXPECT_RC(nf_kem_has_private(h, &flag), expected);
    EXPECT_RC(nf_kem_algorithm(h, &alg), expected);
    CHECK(written == 77 && out == 0x55 && flag == 7 && alg == 7);
}

static void all_hpke_key_functions(nf_handle h, int expected)
{
    static uint8_t buf[256];
    size_t written = 77;
    uint16_t kem = 7;
    EXPECT_RC(nf_hpke_key_export_public(h, buf, sizeof buf, &written), expected);
    EXPECT_RC(nf_hpke_key_kem(h, &kem), expected);
    EXPECT_RC(nf_hpke_open(h, 1, 1, buf, 32, NULL, 0, NULL, 0, 0, NULL, 0, buf, 32, buf, sizeof buf, &written), expected);
    CHECK(written == 77 && kem == 7);
}

static void s_handle_double_free(void)
{
    nf_handle h = 0, e = 0, s2 = 0;
    OK(nf_secret_random(16, 0, &h));
    OK(nf_enclave_seal(h, &e));
    OK(nf_secret_free(h));
    EXPECT_RC(nf_secret_free(h), NF_E_BAD_HANDLE);
    all_secret_functions(h, NF_E_BAD_HANDLE);
    OK(nf_enclave_free(e));
    EXPECT_RC(nf_enclave_free(e), NF_E_BAD_HANDLE);
    all_enclave_functions(e, NF_E_BAD_HANDLE);
    /* The freed slot is reused, with a new generation: the old handle stays dead, the new one works. */
    OK(nf_secret_new(16, 0, &s2));
    CHECK(s2 != h);
    all_secret_functions(h, NF_E_BAD_HANDLE);
    size_t len = 0;
    OK(nf_secret_length(s2, &len));
    CHECK(len == 16);
    OK(nf_secret_free(s2));
    OK(nf_secret_free(0));
    OK(nf_enclave_free(0));
    OK(nf_interrupt_free(0));
}

static void s_handle_wrong_type(void)
{
    nf_handle sec = 0, enc = 0, guard = 0, kem = 0;
    OK(nf_secret_random(16, 0, &sec));
    OK(nf_enclave_seal(sec, &enc));
    OK(nf_catch_interrupt(NULL, NULL, &guard));
    OK(nf_mlkem768_generate(&kem));
    nf_handle hpke = 0;
    OK(nf_hpke_key_generate(0x0020, &hpke));
    all_secret_functions(hpke, NF_E_WRONG_TYPE);
    all_enclave_functions(hpke, NF_E_WRONG_TYPE);
    all_mlkem_functions(hpke, NF_E_WRONG_TYPE);
    all_kem_functions(hpke, NF_E_WRONG_TYPE);
    all_kem_functions(sec, NF_E_WRONG_TYPE);
    all_kem_functions(enc, NF_E_WRONG_TYPE);
    all_kem_functions(guard, NF_E_WRONG_TYPE);
    all_hpke_key_functions(kem, NF_E_WRONG_TYPE);
    all_hpke_key_functions(enc, NF_E_WRONG_TYPE);
    all_hpke_key_functions(guard, NF_E_WRONG_TYPE);
    EXPECT_RC(nf_kem_free(hpke), NF_E_WRONG_TYPE);
    EXPECT_RC(nf_hpke_key_free(kem), NF_E_WRONG_TYPE);
    EXPECT_RC(nf_secret_free(hpke), NF_E_WRONG_TYPE);
    OK(nf_hpke_key_free(hpke));
    all_secret_functions(enc, NF_E_WRONG_TYPE);
    all_secret_functions(guard, NF_E_WRONG_TYPE);
    all_secret_functions(kem, NF_E_WRONG_TYPE);
    all_enclave_functions(sec, NF_E_WRONG_TYPE);
    all_enclave_functions(guard, NF_E_WRONG_TYPE);
    all_enclave_functions(kem, NF_E_WRONG_TYPE);
    all_mlkem_functions(sec, NF_E_WRONG_TYPE);
    all_mlkem_functions(enc, NF_E_WRONG_TYPE);
    all_mlkem_functions(guard, NF_E_WRONG_TYPE);
    EXPECT_RC(nf_secret_free(kem), NF_E_WRONG_TYPE);
    EXPECT_RC(nf_enclave_free(kem), NF_E_WRONG_TYPE);
    EXPECT_RC(nf_interrupt_free(kem), NF_E_WRONG_TYPE);
    EXPECT_RC(nf_mlkem768_free(sec), NF_E_WRONG_TYPE);
    EXPECT_RC(nf_mlkem768_free(enc), NF_E_WRONG_TYPE);
    EXPECT_RC(nf_mlkem768_free(guard), NF_E_WRONG_TYPE);
    OK(nf_mlkem768_free(kem));
    EXPECT_RC(nf_mlkem768_free(kem), NF_E_BAD_HANDLE);
    all_mlkem_functions(kem, NF_E_BAD_HANDLE);
    EXPECT_RC(nf_secret_free(enc), NF_E_WRONG_TYPE);
    EXPECT_RC(nf_secret_free(guard), NF_E_WRONG_TYPE);
    EXPECT_RC(nf_enclave_free(sec), NF_E_WRONG_TYPE);
    EXPECT_RC(nf_interrupt_free(sec), NF_E_WRONG_TYPE);
    EXPECT_RC(nf_interrupt_free(enc), NF_E_WRONG_TYPE);
    /* Nothing was freed by the wrong-type calls. */
    size_t len = 0;
    OK(nf_secret_length(sec, &len));
    OK(nf_enclave_length(enc, &len));
    CHECK(len == 16);
    OK(nf_interrupt_free(guard));
    OK(nf_enclave_free(enc));
    OK(nf_secret_free(sec));
}

static void s_handle_forged(void)
{
    nf_handle h = 0;
    OK(nf_secret_new(16, 0, &h));
    const nf_handle forged[] = {
        1, 0xFFFFFFFFFFFFFFFFull, h ^ (1ull << 32) /* generation */, h + 1000 /* index */,
        (h & 0x00FFFFFFFFFFFFFFull) | (2ull << 56) /* retagged as an enclave */,
        (h & 0x00FFFFFFFFFFFFFFull) | (9ull << 56) /* unknown tag */, h & 0x00FFFFFFFFFFFFFFull /* no tag */,
        h & 0xFF000000FFFFFFFFull /* generation 0 */,
    };
    for (size_t i = 0; i < sizeof forged / sizeof forged[0]; i++) {
        all_secret_functions(forged[i], NF_E_BAD_HANDLE);
        all_enclave_functions(forged[i], NF_E_BAD_HANDLE);
        EXPECT_RC(nf_secret_free(forged[i]), NF_E_BAD_HANDLE);
        EXPECT_RC(nf_enclave_free(forged[i]), NF_E_BAD_HANDLE);
        EXPECT_RC(nf_interrupt_free(forged[i]), NF_E_BAD_HANDLE);
        EXPECT_RC(nf_mlkem768_free(forged[i]), NF_E_BAD_HANDLE);
        all_mlkem_functions(forged[i], NF_E_BAD_HANDLE);
        EXPECT_RC(nf_kem_free(forged[i]), NF_E_BAD_HANDLE);
        all_kem_functions(forged[i], NF_E_BAD_HANDLE);
        EXPECT_RC(nf_hpke_key_free(forged[i]), NF_E_BAD_HANDLE);
        all_hpke_key_functions(forged[i], NF_E_BAD_HANDLE);
    }
    all_mlkem_functions(0, NF_E_BAD_HANDLE);
    OK(nf_mlkem768_free(0));
    all_secret_functions(0, NF_E_BAD_HANDLE);
    all_enclave_functions(0, NF_E_BAD_HANDLE);
    size_t len = 0;
    OK(nf_secret_length(h, &len)); /* the real handle survived all that */
    OK(nf_secret_free(h));
}

static void s_enclave(void)
{
    nf_handle sec = 0, enc = 0, opened = 0, opened2 = 0;
    OK(nf_secret_random(48, 0, &sec));
    OK(nf_enclave_seal(sec, &enc));
    size_t len = 0;
    OK(nf_enclave_length(enc, &len));
    CHECK(len == 48);
    OK(nf_enclave_open(enc, 0, &opened));
    OK(nf_enclave_open(enc, NF_SECRET_GUARDED, &opened2));
    int eq = 0;
    OK(nf_secret_equal(sec, opened, &eq));
    CHECK(eq == 1);
    OK(nf_secret_equal(sec, opened2, &eq));
    CHECK(eq == 1);
    uint32_t prot = 0, tier = 0;
    OK(nf_secret_protection(opened2, &prot, &tier));
    CHECK(tier == NF_TIER_GUARDED);
    nf_handle untouched = 0x42;
    EXPECT_RC(nf_enclave_seal(sec, NULL), NF_E_NULL);
    EXPECT_RC(nf_enclave_open(enc, 0, NULL), NF_E_NULL);
    EXPECT_RC(nf_enclave_open(enc, NF_SECRET_GUARDED | NF_SECRET_POOLED, &untouched), NF_E_INVALID);
    EXPECT_RC(nf_enclave_open(enc, 1u << 20, &untouched), NF_E_INVALID);
    EXPECT_RC(nf_enclave_length(enc, NULL), NF_E_NULL);
    CHECK(untouched == 0x42);
    OK(nf_secret_free(sec));
    OK(nf_enclave_open(enc, 0, &untouched)); /* the enclave outlives its source */
    OK(nf_secret_equal(untouched, opened, &eq));
    CHECK(eq == 1);
    OK(nf_secret_free(untouched));
    OK(nf_secret_free(opened));
    OK(nf_secret_free(opened2));
    OK(nf_enclave_free(enc));
}

static void s_capabilities(void)
{
    nf_caps caps;
    CHECK(sizeof caps == 112);
    memset(&caps, 0, sizeof caps);
    caps.size = sizeof caps;
    OK(nf_capabilities(&caps));
    CHECK(caps.size == 112);
    CHECK(caps.page_size >= 4096 && (caps.page_size & (caps.page_size - 1)) == 0);
    CHECK(caps.guard_mechanism >= 0 && caps.guard_mechanism <= 2);
    CHECK(caps.policy == NF_POLICY_STRICT);
    CHECK(memchr(caps.platform, 0, sizeof caps.platform) != NULL && strlen(caps.platform) > 0);
    CHECK(caps.memlock_limit_bytes >= 0);

    nf_handle h = 0;
    OK(nf_secret_new(32, NF_SECRET_GUARDED, &h));
    nf_caps after;
    memset(&after, 0, sizeof after);
    after.size = sizeof after;
    OK(nf_capabilities(&after));
    CHECK(after.live_guarded_secrets >= caps.live_guarded_secrets + 1);
    OK(nf_secret_free(h));

    /* A newer, larger struct: only the 112 known bytes are written, the tail is kept. */
    guarded_buf big = buf_new(200, 0xEE);
    memset(big.p, 0, 112);
    uint32_t size = 200;
    memcpy(big.p, &size, 4);
    OK(nf_capabilities((nf_caps *)(void *)big.p));
    memcpy(&size, big.p, 4);
    CHECK(size == 112 && all(big.p + 112, 88, 0xEE) && buf_canaries_ok(&big));
    buf_free(&big);

    /* Too small: nothing written. */
    const uint32_t small_sizes[] = {0, 4, 111};
    for (size_t i = 0; i < 3; i++) {
        guarded_buf b = buf_new(112, 0xEE);
        memcpy(b.p, &small_sizes[i], 4);
        EXPECT_RC(nf_capabilities((nf_caps *)(void *)b.p), NF_E_INVALID);
        uint32_t back = 0;
        memcpy(&back, b.p, 4);
        CHECK(back == small_sizes[i] && all(b.p + 4, 108, 0xEE) && buf_canaries_ok(&b));
        buf_free(&b);
    }
    EXPECT_RC(nf_capabilities(NULL), NF_E_NULL);
}

static void s_policy(void)
{
    int p = -5;
    OK(nf_policy_get(&p));
    CHECK(p == NF_POLICY_STRICT);
    OK(nf_policy_set(NF_POLICY_BEST_EFFORT));
    OK(nf_policy_get(&p));
    CHECK(p == NF_POLICY_BEST_EFFORT);
    EXPECT_RC(nf_policy_set(2), NF_E_INVALID);
    EXPECT_RC(nf_policy_set(-1), NF_E_INVALID);
    OK(nf_policy_get(&p));
    CHECK(p == NF_POLICY_BEST_EFFORT);
    OK(nf_policy_set(NF_POLICY_STRICT));
    OK(nf_policy_get(&p));
    CHECK(p == NF_POLICY_STRICT);
    EXPECT_RC(nf_policy_get(NULL), NF_E_NULL);
}

static void s_harden_and_lock(void)
{
    OK(nf_harden_process());
    int rc = nf_lock_all_memory();
    CHECK(rc == NF_OK || rc == NF_E_REFUSED);
    nf_handle h = 0;
    OK(nf_secret_random(32, 0, &h)); /* still works afterwards */
    OK(nf_secret_free(h));
}

static void s_purge(void)
{
    nf_handle pooled = 0, guarded = 0, enc = 0, enc_source = 0;
    OK(nf_secret_random(32, NF_SECRET_POOLED, &pooled));
    OK(nf_secret_random(32, NF_SECRET_GUARDED | NF_SECRET_NO_ACCESS_AT_REST, &guarded));
    OK(nf_secret_random(32, 0, &enc_source));
    OK(nf_enclave_seal(enc_source, &enc));
    OK(nf_purge());
    all_secret_functions(pooled, NF_E_PURGED);
    all_secret_functions(guarded, NF_E_PURGED);
    all_secret_functions(enc_source, NF_E_PURGED);
    nf_handle out = 0x55;
    EXPECT_RC(nf_enclave_open(enc, 0, &out), NF_E_PURGED);
    CHECK(out == 0x55);
    size_t len = 0;
    OK(nf_enclave_length(enc, &len)); /* the ciphertext is still there, its key is not */
    /* New secrets and enclaves work normally. */
    nf_handle fresh = 0, fresh_enc = 0, fresh_open = 0;
    OK(nf_secret_random(32, 0, &fresh));
    OK(nf_enclave_seal(fresh, &fresh_enc));
    OK(nf_enclave_open(fresh_enc, 0, &fresh_open));
    int eq = 0;
    OK(nf_secret_equal(fresh, fresh_open, &eq));
    CHECK(eq == 1);
    /* Purged handles are freed normally, once. */
    OK(nf_secret_free(pooled));
    OK(nf_secret_free(guarded));
    OK(nf_secret_free(enc_source));
    EXPECT_RC(nf_secret_free(pooled), NF_E_BAD_HANDLE);
    OK(nf_enclave_free(enc));
    OK(nf_enclave_free(fresh_enc));
    OK(nf_secret_free(fresh));
    OK(nf_secret_free(fresh_open));
}

/* ---- ML-KEM-768 ---- */

static void s_mlkem768(void)
{
    nf_handle alice = 0, bob = 0, ss_bob = 0, ss_alice = 0, ss_bad = 0;
    OK(nf_mlkem768_generate(&alice));
    int has = -1;
    OK(nf_mlkem768_has_private(alice, &has));
    CHECK(has == 1);
    guarded_buf pk = buf_new(NF_MLKEM768_PUBLIC_KEY_BYTES, 0xEE);
    size_t written = 0;
    OK(nf_mlkem768_export_public(alice, pk.p, pk.n, &written));
    CHECK(written == NF_MLKEM768_PUBLIC_KEY_BYTES && buf_canaries_ok(&pk));
    OK(nf_mlkem768_import_public(pk.p, pk.n, &bob));
    OK(nf_mlkem768_has_private(bob, &has));
    CHECK(has == 0);

    guarded_buf ct = buf_new(NF_MLKEM768_CIPHERTEXT_BYTES, 0xEE);
    OK(nf_mlkem768_encapsulate(bob, ct.p, ct.n, &ss_bob));
    CHECK(buf_canaries_ok(&ct));
    OK(nf_mlkem768_decapsulate(alice, ct.p, ct.n, &ss_alice));
    int eq = 0;
    OK(nf_secret_equal(ss_alice, ss_bob, &eq));
    CHECK(eq == 1);
    size_t len = 0;
    OK(nf_secret_length(ss_alice, &len));
    CHECK(len == NF_MLKEM768_SHARED_SECRET_BYTES);
    /* Implicit rejection: a modified ciphertext decapsulates to another secret, not an error. */
    ct.p[5] ^= 1;
    OK(nf_mlkem768_decapsulate(alice, ct.p, ct.n, &ss_bad));
    OK(nf_secret_equal(ss_alice, ss_bad, &eq));
    CHECK(eq == 0);
    ct.p[5] ^= 1;

    /* Errors: nothing written. */
    nf_handle untouched = 0x42;
    EXPECT_RC(nf_mlkem768_generate(NULL), NF_E_NULL);
    EXPECT_RC(nf_mlkem768_import_public(NULL, pk.n, &untouched), NF_E_NULL);
    EXPECT_RC(nf_mlkem768_import_public(pk.p, pk.n, NULL), NF_E_NULL);
    EXPECT_RC(nf_mlkem768_import_public(pk.p, pk.n - 1, &untouched), NF_E_INVALID);
    EXPECT_RC(nf_mlkem768_import_public(pk.p, pk.n + 1, &untouched), NF_E_INVALID);
    uint8_t bad_pk[NF_MLKEM768_PUBLIC_KEY_BYTES];
    memset(bad_pk, 0xFF, sizeof bad_pk); /* coefficients 4095 >= q: fails the modulus check */
    EXPECT_RC(nf_mlkem768_import_public(bad_pk, sizeof bad_pk, &untouched), NF_E_REJECTED);
    for (size_t n = 0; n < NF_MLKEM768_PUBLIC_KEY_BYTES; n += 97) {
        guarded_buf small = buf_new(n, 0xEE);
        written = 0;
        EXPECT_RC(nf_mlkem768_export_public(alice, n ? small.p : small.raw, n, &written), NF_E_BUFFER_SMALL);
        CHECK(written == NF_MLKEM768_PUBLIC_KEY_BYTES && all(small.p, n, 0xEE) && buf_canaries_ok(&small));
        buf_free(&small);
    }
    EXPECT_RC(nf_mlkem768_export_public(alice, NULL, 2000, &written), NF_E_NULL);
    guarded_buf short_ct = buf_new(NF_MLKEM768_CIPHERTEXT_BYTES - 1, 0xEE);
    EXPECT_RC(nf_mlkem768_encapsulate(bob, short_ct.p, short_ct.n, &untouched), NF_E_BUFFER_SMALL);
    CHECK(all(short_ct.p, short_ct.n, 0xEE) && buf_canaries_ok(&short_ct));
    EXPECT_RC(nf_mlkem768_encapsulate(bob, NULL, 1088, &untouched), NF_E_NULL);
    EXPECT_RC(nf_mlkem768_encapsulate(bob, ct.p, ct.n, NULL), NF_E_NULL);
    EXPECT_RC(nf_mlkem768_decapsulate(alice, ct.p, ct.n - 1, &untouched), NF_E_INVALID);
    EXPECT_RC(nf_mlkem768_decapsulate(alice, ct.p, ct.n + 1, &untouched), NF_E_INVALID);
    EXPECT_RC(nf_mlkem768_decapsulate(alice, NULL, ct.n, &untouched), NF_E_NULL);
    EXPECT_RC(nf_mlkem768_decapsulate(alice, ct.p, ct.n, NULL), NF_E_NULL);
    EXPECT_RC(nf_mlkem768_decapsulate(bob, ct.p, ct.n, &untouched), NF_E_NO_PRIVATE);
    EXPECT_RC(nf_mlkem768_has_private(alice, NULL), NF_E_NULL);
    CHECK(untouched == 0x42);

    /* After a purge the private key is gone (NF_E_PURGED); encapsulation needs only the public key. */
    OK(nf_purge());
    EXPECT_RC(nf_mlkem768_decapsulate(alice, ct.p, ct.n, &untouched), NF_E_PURGED);
    CHECK(untouched == 0x42);
    nf_handle after = 0;
    OK(nf_mlkem768_encapsulate(alice, ct.p, ct.n, &after));
    OK(nf_secret_free(after));

    buf_free(&pk);
    buf_free(&ct);
    buf_free(&short_ct);
    OK(nf_secret_free(ss_alice));
    OK(nf_secret_free(ss_bob));
    OK(nf_secret_free(ss_bad));
    OK(nf_mlkem768_free(alice));
    OK(nf_mlkem768_free(bob));
}

static void print_hex(const char *tag, const uint8_t *p, size_t n)
{
    printf("%s ", tag);
    for (size_t i = 0; i < n; i++) printf("%02x", p[i]);
    printf("\n");
    fflush(stdout);
}

static int read_hex(const char *tag, uint8_t *p, size_t n)
{
    static char line[4096];
    if (!fgets(line, sizeof line, stdin)) return 0;
    size_t t = strlen(tag);
    if (strncmp(line, tag, t) != 0 || line[t] != ' ') return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned v;
        if (sscanf(line + t + 1 + 2 * i, "%2x", &v) != 1) return 0;
        p[i] = (uint8_t)v;
    }
    return 1;
}

/* Talks to the managed API (NativeAbiTests.MlKem768AgreesWithTheManagedApi) over stdin/stdout, both directions:
   managed encapsulates to our key, then we encapsulate to the managed key. Shared secrets are printed: test only. */
static void s_mlkem768_peer(void)
{
    nf_handle key = 0, ss = 0, peer = 0, ss2 = 0;
    uint8_t pk[NF_MLKEM768_PUBLIC_KEY_BYTES], ct[NF_MLKEM768_CIPHERTEXT_BYTES], secret[32];
    OK(nf_mlkem768_generate(&key));
    OK(nf_mlkem768_export_public(key, pk, sizeof pk, NULL));
    print_hex("ek", pk, sizeof pk);
    if (!read_hex("ct", ct, sizeof ct)) { fprintf(stderr, "no ct line\n"); failures++; return; }
    OK(nf_mlkem768_decapsulate(key, ct, sizeof ct, &ss));
    OK(nf_secret_read(ss, secret, sizeof secret, NULL));
    print_hex("ss", secret, sizeof secret);
    if (!read_hex("ek", pk, sizeof pk)) { fprintf(stderr, "no ek line\n"); failures++; return; }
    OK(nf_mlkem768_import_public(pk, sizeof pk, &peer));
    OK(nf_mlkem768_encapsulate(peer, ct, sizeof ct, &ss2));
    OK(nf_secret_read(ss2, secret, sizeof secret, NULL));
    print_hex("ct", ct, sizeof ct);
    print_hex("ss", secret, sizeof secret);
    OK(nf_secret_free(ss));
    OK(nf_secret_free(ss2));
    OK(nf_mlkem768_free(key));
    OK(nf_mlkem768_free(peer));
}

/* ---- KEMs: ML-KEM-512/768/1024 and X-Wing behind one handle type ---- */

static void s_kem(void)
{
    for (size_t a = 0; a < sizeof kem_algorithms / sizeof kem_algorithms[0]; a++) {
        uint32_t alg = kem_algorithms[a];
        size_t pk_n = 0, ct_n = 0, seed_n = 0;
        OK(nf_kem_sizes(alg, &pk_n, &ct_n, &seed_n));
        nf_handle seed = 0, alice = 0, twin = 0, bob = 0, ss_bob = 0, ss_alice = 0, ss_twin = 0, ss_bad = 0;
        OK(nf_secret_random(seed_n, 0, &seed));
        OK(nf_kem_import_seed(alg, seed, &alice));
        OK(nf_kem_import_seed(alg, seed, &twin));
        uint32_t got = 0;
        OK(nf_kem_algorithm(alice, &got));
        CHECK(got == alg);
        int has = -1;
        OK(nf_kem_has_private(alice, &has));
        CHECK(has == 1);
        guarded_buf pk = buf_new(pk_n, 0xEE), pk2 = buf_new(pk_n, 0xEE);
        size_t written = 0;
        OK(nf_kem_export_public(alice, pk.p, pk.n, &written));
        OK(nf_kem_export_public(twin, pk2.p, pk2.n, NULL));
        CHECK(written == pk_n && buf_canaries_ok(&pk) && memcmp(pk.p, pk2.p, pk_n) == 0);
        OK(nf_kem_import_public(alg, pk.p, pk.n, &bob));
        OK(nf_kem_has_private(bob, &has));
        CHECK(has == 0);
        guarded_buf ct = buf_new(ct_n, 0xEE);
        written = 0;
        OK(nf_kem_encapsulate(bob, ct.p, ct.n, &written, &ss_bob));
        CHECK(written == ct_n && buf_canaries_ok(&ct));
        OK(nf_kem_decapsulate(alice, ct.p, ct.n, &ss_alice));
        OK(nf_kem_decapsulate(twin, ct.p, ct.n, &ss_twin));
        int eq = 0;
        OK(nf_secret_equal(ss_alice, ss_bob, &eq));
        CHECK(eq == 1);
        OK(nf_secret_equal(ss_alice, ss_twin, &eq));
        CHECK(eq == 1);
        ct.p[3] ^= 1; /* implicit rejection: another secret, no error */
        OK(nf_kem_decapsulate(alice, ct.p, ct.n, &ss_bad));
        OK(nf_secret_equal(ss_alice, ss_bad, &eq));
        CHECK(eq == 0);

        /* Errors change nothing. */
        nf_handle untouched = 0x42;
        EXPECT_RC(nf_kem_generate(alg, NULL), NF_E_NULL);
        EXPECT_RC(nf_kem_import_public(alg, NULL, pk_n, &untouched), NF_E_NULL);
        EXPECT_RC(nf_kem_import_public(alg, pk.p, pk_n - 1, &untouched), NF_E_INVALID);
        EXPECT_RC(nf_kem_import_public(alg, pk.p, pk_n + 1, &untouched), NF_E_INVALID);
        uint8_t *bad_pk = malloc(pk_n);
        memcpy(bad_pk, pk.p, pk_n);
        memset(bad_pk, 0xFF, 384); /* the first polynomial's coefficients 4095 >= q (X-Wing: its ML-KEM part comes first) */
        EXPECT_RC(nf_kem_import_public(alg, bad_pk, pk_n, &untouched), NF_E_REJECTED);
        free(bad_pk);
        for (size_t n = 0; n < pk_n; n += 211) {
            guarded_buf small = buf_new(n, 0xEE);
            written = 0;
            EXPECT_RC(nf_kem_export_public(alice, n ? small.p : small.raw, n, &written), NF_E_BUFFER_SMALL);
            CHECK(written == pk_n && all(small.p, n, 0xEE) && buf_canaries_ok(&small));
            buf_free(&small);
        }
        guarded_buf short_ct = buf_new(ct_n - 1, 0xEE);
        written = 0;
        EXPECT_RC(nf_kem_encapsulate(bob, short_ct.p, short_ct.n, &written, &untouched), NF_E_BUFFER_SMALL);
        CHECK(written == ct_n && all(short_ct.p, short_ct.n, 0xEE) && buf_canaries_ok(&short_ct));
        EXPECT_RC(nf_kem_encapsulate(bob, NULL, ct_n, NULL, &untouched), NF_E_NULL);
        EXPECT_RC(nf_kem_encapsulate(bob, ct.p, ct_n, NULL, NULL), NF_E_NULL);
        EXPECT_RC(nf_kem_decapsulate(alice, ct.p, ct_n - 1, &untouched), NF_E_INVALID);
        EXPECT_RC(nf_kem_decapsulate(alice, ct.p, ct_n + 1, &untouched), NF_E_INVALID);
        EXPECT_RC(nf_kem_decapsulate(alice, NULL, ct_n, &untouched), NF_E_NULL);
        EXPECT_RC(nf_kem_decapsulate(bob, ct.p, ct_n, &untouched), NF_E_NO_PRIVATE);
        EXPECT_RC(nf_kem_algorithm(alice, NULL), NF_E_NULL);
        EXPECT_RC(nf_kem_has_private(alice, NULL), NF_E_NULL);
        nf_handle short_seed = 0;
        OK(nf_secret_random(seed_n - 1, 0, &short_seed));
        EXPECT_RC(nf_kem_import_seed(alg, short_seed, &untouched), NF_E_INVALID);
        EXPECT_RC(nf_kem_import_seed(alg, seed, NULL), NF_E_NULL);
        EXPECT_RC(nf_kem_import_seed(alg, alice, &untouched), NF_E_WRONG_TYPE);
        CHECK(untouched == 0x42);
        /* The ML-KEM-768 functions accept only ML-KEM-768 KEM handles. */
        int flag = 0;
        if (alg == NF_KEM_MLKEM768) {
            OK(nf_mlkem768_has_private(alice, &flag));
            CHECK(flag == 1);
        } else {
            EXPECT_RC(nf_mlkem768_has_private(alice, &flag), NF_E_WRONG_TYPE);
            EXPECT_RC(nf_mlkem768_free(alice), NF_E_WRONG_TYPE);
        }
        buf_free(&pk);
        buf_free(&pk2);
        buf_free(&ct);
        buf_free(&short_ct);
        nf_handle handles[] = {ss_alice, ss_bob, ss_twin, ss_bad, seed, short_seed};
        for (size_t i = 0; i < sizeof handles / sizeof handles[0]; i++) OK(nf_secret_free(handles[i]));
        OK(nf_kem_free(alice));
        OK(nf_kem_free(twin));
        OK(nf_kem_free(bob));
        EXPECT_RC(nf_kem_free(bob), NF_E_BAD_HANDLE);
        all_kem_functions(bob, NF_E_BAD_HANDLE);
    }
    /* Generation, unknown algorithms. */
    nf_handle g = 0, untouched = 0x42;
    OK(nf_kem_generate(NF_KEM_XWING, &g));
    size_t a = 9, b = 9, c = 9;
    EXPECT_RC(nf_kem_sizes(0x0043, &a, &b, &c), NF_E_INVALID);
    EXPECT_RC(nf_kem_sizes(NF_KEM_XWING, NULL, &b, &c), NF_E_NULL);
    CHECK(a == 9 && b == 9 && c == 9);
    EXPECT_RC(nf_kem_generate(0x0020, &untouched), NF_E_INVALID);
    EXPECT_RC(nf_kem_import_seed(0, g, &untouched), NF_E_INVALID);
    uint8_t pk[4] = {0};
    EXPECT_RC(nf_kem_import_public(0xFFFFFFFFu, pk, sizeof pk, &untouched), NF_E_INVALID);
    CHECK(untouched == 0x42);
    /* After a purge the private key is gone; encapsulation still works. */
    OK(nf_purge());
    static uint8_t ct[NF_MLKEM768_CIPHERTEXT_BYTES + 32];
    EXPECT_RC(nf_kem_decapsulate(g, ct, 1120, &untouched), NF_E_PURGED);
    nf_handle after = 0;
    OK(nf_kem_encapsulate(g, ct, sizeof ct, NULL, &after));
    OK(nf_secret_free(after));
    OK(nf_kem_free(g));
    all_kem_functions(0, NF_E_BAD_HANDLE);
    OK(nf_kem_free(0));
}

/* ---- HPKE ---- */

static void s_hpke(void)
{
    /* Every KEM with HKDF-SHA256 / ChaCha20-Poly1305, base and psk modes, round trip through the C ABI. */
    const uint16_t kems[] = {0x0010, 0x0011, 0x0012, 0x0020, 0x0021, 0x0040, 0x0041, 0x0042, 0x0050, 0x0051, 0x647A};
    const uint8_t msg[] = "attack at dawn", info[] = "info", aad[] = "aad", psk_id[] = "psk id";
    nf_handle psk = 0;
    OK(nf_secret_random(32, 0, &psk));
    for (size_t k = 0; k < sizeof kems / sizeof kems[0]; k++) {
        for (int mode = 0; mode < 2; mode++) {
            nf_handle key = 0;
            OK(nf_hpke_key_generate(kems[k], &key));
            uint16_t kem_id = 0;
            OK(nf_hpke_key_kem(key, &kem_id));
            CHECK(kem_id == kems[k]);
            uint8_t pk[2048];
            size_t pk_n = 0, enc_n = 0, ct_n = 0, written = 0;
            OK(nf_hpke_key_export_public(key, pk, sizeof pk, &pk_n));
            OK(nf_hpke_sizes(kems[k], 1, 3, sizeof msg, &enc_n, &ct_n));
            CHECK(ct_n == sizeof msg + 16);
            guarded_buf enc = buf_new(enc_n, 0xEE), ct = buf_new(ct_n, 0xEE), pt = buf_new(sizeof msg, 0xEE);
            nf_handle p = mode ? psk : 0;
            const uint8_t *pid = mode ? psk_id : NULL;
            size_t pid_n = mode ? sizeof psk_id : 0;
            OK(nf_hpke_seal(kems[k], 1, 3, pk, pk_n, info, sizeof info, aad, sizeof aad, p, pid, pid_n, msg, sizeof msg,
                            enc.p, enc.n, ct.p, ct.n, &written));
            CHECK(written == ct_n && buf_canaries_ok(&enc) && buf_canaries_ok(&ct));
            written = 0;
            OK(nf_hpke_open(key, 1, 3, enc.p, enc.n, info, sizeof info, aad, sizeof aad, p, pid, pid_n, ct.p, ct.n, pt.p,
                            pt.n, &written));
            CHECK(written == sizeof msg && memcmp(pt.p, msg, sizeof msg) == 0 && buf_canaries_ok(&pt));
            /* A modified ciphertext, aad or info: rejected, plaintext zeroed. */
            ct.p[0] ^= 1;
            EXPECT_RC(nf_hpke_open(key, 1, 3, enc.p, enc.n, info, sizeof info, aad, sizeof aad, p, pid, pid_n, ct.p, ct.n,
                                   pt.p, pt.n, NULL), NF_E_REJECTED);
            CHECK(all(pt.p, pt.n, 0) && buf_canaries_ok(&pt));
            ct.p[0] ^= 1;
            EXPECT_RC(nf_hpke_open(key, 1, 3, enc.p, enc.n, info, sizeof info, NULL, 0, p, pid, pid_n, ct.p, ct.n, pt.p,
                                   pt.n, NULL), NF_E_REJECTED);
            EXPECT_RC(nf_hpke_open(key, 1, 3, enc.p, enc.n, NULL, 0, aad, sizeof aad, p, pid, pid_n, ct.p, ct.n, pt.p,
                                   pt.n, NULL), NF_E_REJECTED);
            /* Short buffers: size reported, nothing written. */
            guarded_buf small = buf_new(ct_n - 1, 0xEE);
            written = 0;
            EXPECT_RC(nf_hpke_seal(kems[k], 1, 3, pk, pk_n, NULL, 0, NULL, 0, 0, NULL, 0, msg, sizeof msg, enc.p, enc.n,
                                   small.p, small.n, &written), NF_E_BUFFER_SMALL);
            CHECK(written == ct_n && all(small.p, small.n, 0xEE) && buf_canaries_ok(&small));
            EXPECT_RC(nf_hpke_seal(kems[k], 1, 3, pk, pk_n, NULL, 0, NULL, 0, 0, NULL, 0, msg, sizeof msg, small.p,
                                   enc_n - 1, ct.p, ct.n, NULL), NF_E_BUFFER_SMALL);
            written = 0;
            EXPECT_RC(nf_hpke_open(key, 1, 3, enc.p, enc.n, info, sizeof info, aad, sizeof aad, p, pid, pid_n, ct.p,
                                   ct.n, small.p, sizeof msg - 1, &written), NF_E_BUFFER_SMALL);
            CHECK(written == sizeof msg && all(small.p, small.n, 0xEE));
            /* Wrong sizes, NULLs, unknown ids, psk without psk_id. */
            EXPECT_RC(nf_hpke_seal(kems[k], 1, 3, pk, pk_n - 1, NULL, 0, NULL, 0, 0, NULL, 0, msg, sizeof msg, enc.p,
                                   enc.n, ct.p, ct.n, NULL), NF_E_INVALID);
            EXPECT_RC(nf_hpke_seal(kems[k], 1, 3, pk, pk_n, NULL, 4, NULL, 0, 0, NULL, 0, msg, sizeof msg, enc.p, enc.n,
                                   ct.p, ct.n, NULL), NF_E_NULL);
            EXPECT_RC(nf_hpke_seal(kems[k], 1, 3, pk, pk_n, NULL, 0, NULL, 0, psk, NULL, 0, msg, sizeof msg, enc.p,
                                   enc.n, ct.p, ct.n, NULL), NF_E_INVALID);
            EXPECT_RC(nf_hpke_seal(kems[k], 1, 0xFFFF, pk, pk_n, NULL, 0, NULL, 0, 0, NULL, 0, msg, sizeof msg, enc.p,
                                   enc.n, ct.p, ct.n, NULL), NF_E_INVALID);
            EXPECT_RC(nf_hpke_seal(kems[k], 9, 3, pk, pk_n, NULL, 0, NULL, 0, 0, NULL, 0, msg, sizeof msg, enc.p, enc.n,
                                   ct.p, ct.n, NULL), NF_E_INVALID);
            EXPECT_RC(nf_hpke_open(key, 1, 3, enc.p, enc.n - 1, NULL, 0, NULL, 0, 0, NULL, 0, ct.p, ct.n, pt.p, pt.n,
                                   NULL), NF_E_INVALID);
            EXPECT_RC(nf_hpke_open(key, 1, 3, enc.p, enc.n, NULL, 0, NULL, 0, 0, NULL, 0, ct.p, 15, pt.p, pt.n, NULL),
                      NF_E_REJECTED);
            EXPECT_RC(nf_hpke_open(key, 1, 3, enc.p, enc.n, NULL, 0, NULL, 0, key, psk_id, 3, ct.p, ct.n, pt.p, pt.n,
                                   NULL), NF_E_WRONG_TYPE);
            EXPECT_RC(nf_hpke_open(key, 1, 3, NULL, enc.n, NULL, 0, NULL, 0, 0, NULL, 0, ct.p, ct.n, pt.p, pt.n, NULL),
                      NF_E_NULL);
            /* A hostile encapsulated key: all 0xFF is off every curve / fails every KEM's check, or (ML-KEM)
               implicitly rejects: either way the message does not open. */
            memset(enc.p, 0xFF, enc.n);
            int rc = nf_hpke_open(key, 1, 3, enc.p, enc.n, info, sizeof info, aad, sizeof aad, p, pid, pid_n, ct.p, ct.n,
                                  pt.p, pt.n, NULL);
            CHECK(rc == NF_E_REJECTED);
            memset(pk, 0xFF, pk_n);
            rc = nf_hpke_seal(kems[k], 1, 3, pk, pk_n, NULL, 0, NULL, 0, 0, NULL, 0, msg, sizeof msg, enc.p, enc.n, ct.p,
                              ct.n, NULL);
            /* X25519/X448 accept every 32/56-byte string (all 0xFF is a valid encoding); the others must refuse. */
            CHECK(kems[k] == 0x0020 || kems[k] == 0x0021 ? rc == NF_OK : rc == NF_E_REJECTED);
            buf_free(&enc);
            buf_free(&ct);
            buf_free(&pt);
            buf_free(&small);
            OK(nf_hpke_key_free(key));
            EXPECT_RC(nf_hpke_key_free(key), NF_E_BAD_HANDLE);
            all_hpke_key_functions(key, NF_E_BAD_HANDLE);
        }
    }
    /* Derive and import from secrets; NULLs and unknown ids. */
    nf_handle ikm = 0, sk = 0, key = 0, untouched = 0x42;
    OK(nf_secret_random(32, 0, &ikm));
    OK(nf_hpke_key_derive(0x0020, ikm, &key));
    OK(nf_hpke_key_free(key));
    OK(nf_secret_new(32, 0, &sk)); /* an all-zero X25519 scalar is still a valid key for DHKEM(X25519) */
    EXPECT_RC(nf_hpke_key_import(0x0010, sk, &untouched), NF_E_REJECTED); /* P-256 scalar 0 */
    EXPECT_RC(nf_hpke_key_import(0x0099, sk, &untouched), NF_E_INVALID);
    EXPECT_RC(nf_hpke_key_derive(0x0020, psk, NULL), NF_E_NULL);
    EXPECT_RC(nf_hpke_key_generate(0x0099, &untouched), NF_E_INVALID);
    EXPECT_RC(nf_hpke_key_import(0x0020, 0, &untouched), NF_E_BAD_HANDLE);
    size_t e = 9, c = 9;
    EXPECT_RC(nf_hpke_sizes(0x0020, 1, 0x0004, 1, &e, &c), NF_E_INVALID);
    EXPECT_RC(nf_hpke_sizes(0x0020, 1, 1, 1, NULL, &c), NF_E_NULL);
    CHECK(untouched == 0x42 && e == 9 && c == 9);
    /* After a purge opening is refused (the key's secrets are wiped). */
    nf_handle doomed = 0;
    OK(nf_hpke_key_generate(0x0020, &doomed));
    uint8_t pk[32], enc[32], ct[sizeof msg + 16], pt[sizeof msg];
    OK(nf_hpke_key_export_public(doomed, pk, sizeof pk, NULL));
    OK(nf_hpke_seal(0x0020, 1, 3, pk, 32, NULL, 0, NULL, 0, 0, NULL, 0, msg, sizeof msg, enc, 32, ct, sizeof ct, NULL));
    OK(nf_purge());
    EXPECT_RC(nf_hpke_open(doomed, 1, 3, enc, 32, NULL, 0, NULL, 0, 0, NULL, 0, ct, sizeof ct, pt, sizeof pt, NULL),
              NF_E_PURGED);
    OK(nf_hpke_key_free(doomed));
    nf_handle fresh_psk = 0;
    OK(nf_secret_random(32, 0, &fresh_psk)); /* the purge wiped psk too */
    all_hpke_key_functions(0, NF_E_BAD_HANDLE);
    all_hpke_key_functions(psk, NF_E_WRONG_TYPE);
    OK(nf_secret_free(fresh_psk));
    EXPECT_RC(nf_hpke_key_free(psk), NF_E_WRONG_TYPE);
    OK(nf_hpke_key_free(0));
    OK(nf_secret_free(ikm));
    OK(nf_secret_free(sk));
    OK(nf_secret_free(psk));
}

/* ---- Argon2id ---- */

static void s_argon2(void)
{
    nf_handle pw = 0, k = 0, out = 0, out2 = 0, untouched = 0x42;
    uint8_t pw_bytes[] = "correct horse", k_bytes[] = {3, 3, 3, 3, 3, 3, 3, 3};
    const uint8_t salt[16] = {2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2}, ad[] = {4, 4, 4};
    OK(nf_secret_from_bytes(pw_bytes, sizeof pw_bytes - 1, 0, &pw));
    OK(nf_secret_from_bytes(k_bytes, sizeof k_bytes, 0, &k));
    OK(nf_argon2id(pw, salt, sizeof salt, k, ad, sizeof ad, 32, 3, 4, 32, &out));
    OK(nf_argon2id(pw, salt, sizeof salt, 0, NULL, 0, 32, 3, 4, 32, &out2));
    int eq = 1;
    OK(nf_secret_equal(out, out2, &eq));
    CHECK(eq == 0);
    EXPECT_RC(nf_argon2id(pw, salt, 7, 0, NULL, 0, 32, 3, 4, 32, &untouched), NF_E_INVALID);  /* salt < 8 */
    EXPECT_RC(nf_argon2id(pw, salt, sizeof salt, 0, NULL, 0, 31, 3, 4, 32, &untouched), NF_E_INVALID); /* m < 8p */
    EXPECT_RC(nf_argon2id(pw, salt, sizeof salt, 0, NULL, 0, 32, 0, 4, 32, &untouched), NF_E_INVALID);
    EXPECT_RC(nf_argon2id(pw, salt, sizeof salt, 0, NULL, 0, 32, 3, 0, 32, &untouched), NF_E_INVALID);
    EXPECT_RC(nf_argon2id(pw, salt, sizeof salt, 0, NULL, 0, 32, 3, 4, 3, &untouched), NF_E_INVALID);
    EXPECT_RC(nf_argon2id(pw, salt, sizeof salt, 0, NULL, 0, 32, 3, 4, 0, &untouched), NF_E_INVALID);
    EXPECT_RC(nf_argon2id(pw, salt, sizeof salt, 0, NULL, 0, 0xFFFFFFFFu, 3, 4, 32, &untouched), NF_E_INVALID);
    EXPECT_RC(nf_argon2id(pw, NULL, sizeof salt, 0, NULL, 0, 32, 3, 4, 32, &untouched), NF_E_NULL);
    EXPECT_RC(nf_argon2id(pw, salt, sizeof salt, 0, NULL, 3, 32, 3, 4, 32, &untouched), NF_E_NULL);
    EXPECT_RC(nf_argon2id(pw, salt, sizeof salt, 0, NULL, 0, 32, 3, 4, 32, NULL), NF_E_NULL);
    EXPECT_RC(nf_argon2id(0xFFFFull, salt, sizeof salt, 0, NULL, 0, 32, 3, 4, 32, &untouched), NF_E_BAD_HANDLE);
    EXPECT_RC(nf_argon2id(pw, salt, sizeof salt, 0xFFFFull, NULL, 0, 32, 3, 4, 32, &untouched), NF_E_BAD_HANDLE);
    CHECK(untouched == 0x42);

    /* Handle 0: the empty password, for the raw function and the PHC pair. */
    nf_handle empty = 0;
    OK(nf_argon2id(0, salt, sizeof salt, 0, NULL, 0, 32, 3, 4, 32, &empty));
    OK(nf_secret_equal(out2, empty, &eq));
    CHECK(eq == 0);
    OK(nf_secret_free(empty));
    char phc[NF_ARGON2_PHC_MAX_LENGTH];
    size_t written = 0;
    int empty_match = 0;
    OK(nf_argon2id_phc_hash(0, 8, 1, 1, phc, sizeof phc, NULL));
    OK(nf_argon2_phc_verify(phc, strlen(phc), 0, &empty_match));
    CHECK(empty_match == 1);
    guarded_buf small = buf_new(20, 0xEE);
    EXPECT_RC(nf_argon2id_phc_hash(pw, 64, 1, 1, (char *)small.p, small.n, &written), NF_E_BUFFER_SMALL);
    CHECK(written > 20 && written <= NF_ARGON2_PHC_MAX_LENGTH && all(small.p, small.n, 0xEE) && buf_canaries_ok(&small));
    OK(nf_argon2id_phc_hash(pw, 64, 1, 1, phc, sizeof phc, &written));
    CHECK(written == strlen(phc) + 1 && strncmp(phc, "$argon2id$v=19$m=64,t=1,p=1$", 28) == 0);
    int match = -1;
    OK(nf_argon2_phc_verify(phc, strlen(phc), pw, &match));
    CHECK(match == 1);
    OK(nf_argon2_phc_verify(phc, strlen(phc), k, &match));
    CHECK(match == 0);
    EXPECT_RC(nf_argon2_phc_verify("$argon2id$v=19$m=64,t=1,p=1$bad", 31, pw, &match), NF_E_REJECTED);
    const char *huge = "$argon2id$v=19$m=4000000000,t=1,p=1$c29tZXNhbHQ$K13EBUiG7JV+9ZxztmHFTdb7J0WQsnj2V8bZaqyPptE";
    EXPECT_RC(nf_argon2_phc_verify(huge, strlen(huge), pw, &match), NF_E_REJECTED);
    const char *costly = "$argon2id$v=19$m=2097152,t=100,p=1$c29tZXNhbHRzb21lc2FsdA$K13EBUiG7JV+9ZxztmHFTdb7J0WQsnj2V8bZaqyPptE";
    EXPECT_RC(nf_argon2_phc_verify(costly, strlen(costly), pw, &match), NF_E_LIMIT);
    EXPECT_RC(nf_argon2_phc_verify(phc, 0, pw, &match), NF_E_INVALID);
    EXPECT_RC(nf_argon2_phc_verify(NULL, 5, pw, &match), NF_E_NULL);
    EXPECT_RC(nf_argon2_phc_verify(phc, strlen(phc), pw, NULL), NF_E_NULL);
    EXPECT_RC(nf_argon2_phc_verify(phc, strlen(phc) + 1, pw, &match), NF_E_REJECTED); /* an embedded NUL */
    CHECK(match == 0);
    EXPECT_RC(nf_argon2id_phc_hash(pw, 64, 1, 1, NULL, 128, &written), NF_E_NULL);
    EXPECT_RC(nf_argon2id_phc_hash(pw, 7, 1, 1, phc, sizeof phc, NULL), NF_E_INVALID);
    nf_handle key = 0;
    OK(nf_kem_generate(NF_KEM_MLKEM512, &key));
    EXPECT_RC(nf_argon2id_phc_hash(key, 64, 1, 1, phc, sizeof phc, NULL), NF_E_WRONG_TYPE);
    EXPECT_RC(nf_argon2_phc_verify(phc, strlen(phc), key, &match), NF_E_WRONG_TYPE);
    EXPECT_RC(nf_argon2id(key, salt, sizeof salt, 0, NULL, 0, 32, 3, 4, 32, &untouched), NF_E_WRONG_TYPE);
    OK(nf_kem_free(key));
    buf_free(&small);
    OK(nf_secret_free(pw));
    OK(nf_secret_free(k));
    OK(nf_secret_free(out));
    OK(nf_secret_free(out2));
}

/* ---- X25519 ---- */

static void s_x25519(void)
{
    nf_handle a = 0, b = 0, sa = 0, sb = 0, scalar = 0, imported = 0, untouched = 0x42;
    OK(nf_x25519_generate(&a));
    OK(nf_x25519_generate(&b));
    guarded_buf pa = buf_new(NF_X25519_KEY_BYTES, 0xEE), pb = buf_new(NF_X25519_KEY_BYTES, 0xEE);
    size_t written = 0;
    OK(nf_x25519_export_public(a, pa.p, pa.n, &written));
    CHECK(written == 32 && buf_canaries_ok(&pa));
    OK(nf_x25519_export_public(b, pb.p, pb.n, NULL));
    OK(nf_x25519_agree(a, pb.p, pb.n, &sa));
    OK(nf_x25519_agree(b, pa.p, pa.n, &sb));
    int eq = 0;
    OK(nf_secret_equal(sa, sb, &eq));
    CHECK(eq == 1);
    /* RFC 7748 §6.1: small-order peers give all zeros, refused. */
    uint8_t zero[32] = {0}, one[32] = {1};
    EXPECT_RC(nf_x25519_agree(a, zero, sizeof zero, &untouched), NF_E_REJECTED);
    EXPECT_RC(nf_x25519_agree(a, one, sizeof one, &untouched), NF_E_REJECTED);
    EXPECT_RC(nf_x25519_agree(a, pb.p, 31, &untouched), NF_E_INVALID);
    EXPECT_RC(nf_x25519_agree(a, NULL, 32, &untouched), NF_E_NULL);
    EXPECT_RC(nf_x25519_agree(a, pb.p, 32, NULL), NF_E_NULL);
    for (size_t n = 0; n < 32; n += 7) {
        guarded_buf small = buf_new(n, 0xEE);
        written = 0;
        EXPECT_RC(nf_x25519_export_public(a, n ? small.p : small.raw, n, &written), NF_E_BUFFER_SMALL);
        CHECK(written == 32 && all(small.p, n, 0xEE) && buf_canaries_ok(&small));
        buf_free(&small);
    }
    /* RFC 7748 §6.1 test keys: Alice's scalar gives her public key. */
    uint8_t alice_sk[32] = {0x77, 0x07, 0x6d, 0x0a, 0x73, 0x18, 0xa5, 0x7d, 0x3c, 0x16, 0xc1, 0x72, 0x51, 0xb2, 0x66, 0x45,
                            0xdf, 0x4c, 0x2f, 0x87, 0xeb, 0xc0, 0x99, 0x2a, 0xb1, 0x77, 0xfb, 0xa5, 0x1d, 0xb9, 0x2c, 0x2a};
    const uint8_t alice_pk[32] = {0x85, 0x20, 0xf0, 0x09, 0x89, 0x30, 0xa7, 0x54, 0x74, 0x8b, 0x7d, 0xdc, 0xb4, 0x3e, 0xf7, 0x5a,
                                  0x0d, 0xbf, 0x3a, 0x0d, 0x26, 0x38, 0x1a, 0xf4, 0xeb, 0xa4, 0xa9, 0x8e, 0xaa, 0x9b, 0x4e, 0x6a};
    OK(nf_secret_from_bytes(alice_sk, sizeof alice_sk, 0, &scalar));
    OK(nf_x25519_import(scalar, &imported));
    uint8_t pk[32];
    OK(nf_x25519_export_public(imported, pk, sizeof pk, NULL));
    CHECK(memcmp(pk, alice_pk, 32) == 0);
    nf_handle short_scalar = 0;
    OK(nf_secret_random(31, 0, &short_scalar));
    EXPECT_RC(nf_x25519_import(short_scalar, &untouched), NF_E_INVALID);
    EXPECT_RC(nf_x25519_import(a, &untouched), NF_E_WRONG_TYPE);
    EXPECT_RC(nf_x25519_import(scalar, NULL), NF_E_NULL);
    EXPECT_RC(nf_x25519_generate(NULL), NF_E_NULL);
    EXPECT_RC(nf_x25519_export_public(a, NULL, 32, NULL), NF_E_NULL);
    CHECK(untouched == 0x42);
    /* Wrong types both ways; after a purge the scalar is gone. */
    EXPECT_RC(nf_x25519_agree(sa, pb.p, 32, &untouched), NF_E_WRONG_TYPE);
    EXPECT_RC(nf_x25519_free(sa), NF_E_WRONG_TYPE);
    EXPECT_RC(nf_secret_free(a), NF_E_WRONG_TYPE);
    EXPECT_RC(nf_kem_free(a), NF_E_WRONG_TYPE);
    OK(nf_purge());
    EXPECT_RC(nf_x25519_agree(a, pb.p, 32, &untouched), NF_E_PURGED);
    CHECK(untouched == 0x42);
    buf_free(&pa);
    buf_free(&pb);
    nf_handle secrets[] = {sa, sb, scalar, short_scalar};
    for (size_t i = 0; i < 4; i++) OK(nf_secret_free(secrets[i]));
    OK(nf_x25519_free(a));
    OK(nf_x25519_free(b));
    OK(nf_x25519_free(imported));
    EXPECT_RC(nf_x25519_free(a), NF_E_BAD_HANDLE);
    EXPECT_RC(nf_x25519_export_public(a, pk, 32, NULL), NF_E_BAD_HANDLE);
    OK(nf_x25519_free(0));
}

/* ---- Signatures ---- */

static void s_signatures(void)
{
    const uint8_t msg[] = "the message", ctx[] = "ctx";
    for (uint32_t alg = NF_SIG_ED25519; alg <= NF_SIG_MLDSA87; alg++) {
        size_t pk_n = 0, sig_max = 0, sk_n = 0;
        OK(nf_sig_sizes(alg, &pk_n, &sig_max, &sk_n));
        nf_handle key = 0, sk = 0, twin = 0, untouched = 0x42;
        OK(nf_sig_generate(alg, &key));
        uint32_t got = 0;
        OK(nf_sig_algorithm(key, &got));
        CHECK(got == alg);
        guarded_buf pk = buf_new(pk_n, 0xEE), sig = buf_new(sig_max, 0xEE);
        size_t written = 0;
        OK(nf_sig_export_public(key, pk.p, pk.n, &written));
        CHECK(written == pk_n && buf_canaries_ok(&pk));
        int with_ctx = alg == NF_SIG_ED448 || alg == NF_SIG_ED448PH || alg >= NF_SIG_MLDSA44;
        const uint8_t *c = with_ctx ? ctx : NULL;
        size_t c_n = with_ctx ? sizeof ctx : 0;
        OK(nf_sig_sign(key, msg, sizeof msg, c, c_n, sig.p, sig.n, &written));
        CHECK(written > 0 && written <= sig_max && buf_canaries_ok(&sig));
        size_t sig_n = written;
        int valid = -1;
        OK(nf_sig_verify(alg, pk.p, pk_n, msg, sizeof msg, sig.p, sig_n, c, c_n, &valid));
        CHECK(valid == 1);
        OK(nf_sig_verify(alg, pk.p, pk_n, msg, sizeof msg - 1, sig.p, sig_n, c, c_n, &valid));
        CHECK(valid == 0);
        sig.p[sig_n / 2] ^= 1;
        OK(nf_sig_verify(alg, pk.p, pk_n, msg, sizeof msg, sig.p, sig_n, c, c_n, &valid));
        CHECK(valid == 0);
        OK(nf_sig_verify(alg, pk.p, pk_n, msg, sizeof msg, sig.p, 0, c, c_n, &valid)); /* empty signature */
        CHECK(valid == 0);
        /* A hostile public key (all 0xFF: not a point / not canonical) is just "not valid". */
        uint8_t *bad = malloc(pk_n);
        memset(bad, 0xFF, pk_n);
        OK(nf_sig_verify(alg, bad, pk_n, msg, sizeof msg, sig.p, sig_n, c, c_n, &valid));
        CHECK(valid == 0);
        free(bad);
        /* Short buffer: the largest size reported, nothing written. */
        guarded_buf small = buf_new(sig_max - 1, 0xEE);
        written = 0;
        EXPECT_RC(nf_sig_sign(key, msg, sizeof msg, c, c_n, small.p, small.n, &written), NF_E_BUFFER_SMALL);
        CHECK(written == sig_max && all(small.p, small.n, 0xEE) && buf_canaries_ok(&small));
        EXPECT_RC(nf_sig_sign(key, NULL, 3, c, c_n, sig.p, sig.n, NULL), NF_E_NULL);
        EXPECT_RC(nf_sig_sign(key, msg, sizeof msg, c, c_n, NULL, sig.n, NULL), NF_E_NULL);
        EXPECT_RC(nf_sig_verify(alg, pk.p, pk_n - 1, msg, sizeof msg, sig.p, sig_n, c, c_n, &valid), NF_E_INVALID);
        EXPECT_RC(nf_sig_verify(alg, pk.p, pk_n, msg, sizeof msg, sig.p, sig_n, c, c_n, NULL), NF_E_NULL);
        if (!with_ctx) {
            EXPECT_RC(nf_sig_sign(key, msg, sizeof msg, ctx, sizeof ctx, sig.p, sig.n, NULL), NF_E_INVALID);
        }
        /* Import of a private key from a secret: same public key for a seed / scalar we choose. */
        uint8_t *seed = malloc(sk_n);
        memset(seed, 0x01, sk_n); /* below every group order (P-521: n starts 0x01FF) */
        OK(nf_secret_from_bytes(seed, sk_n, 0, &sk));
        free(seed);
        OK(nf_sig_import_private(alg, sk, &twin));
        OK(nf_sig_sign(twin, msg, sizeof msg, c, c_n, sig.p, sig.n, &written));
        OK(nf_sig_export_public(twin, pk.p, pk.n, NULL));
        OK(nf_sig_verify(alg, pk.p, pk_n, msg, sizeof msg, sig.p, written, c, c_n, &valid));
        CHECK(valid == 1);
        nf_handle short_sk = 0;
        OK(nf_secret_random(sk_n - 1, 0, &short_sk));
        EXPECT_RC(nf_sig_import_private(alg, short_sk, &untouched), NF_E_INVALID);
        EXPECT_RC(nf_sig_import_private(alg, key, &untouched), NF_E_WRONG_TYPE);
        EXPECT_RC(nf_sig_generate(alg, NULL), NF_E_NULL);
        CHECK(untouched == 0x42);
        if (alg >= NF_SIG_ECDSA_P256_SHA256 && alg <= NF_SIG_ECDSA_P521_SHA512_P1363) {
            nf_handle zero = 0; /* scalar 0 is not a private key */
            OK(nf_secret_new(sk_n, 0, &zero));
            EXPECT_RC(nf_sig_import_private(alg, zero, &untouched), NF_E_REJECTED);
            OK(nf_secret_free(zero));
        }
        buf_free(&pk);
        buf_free(&sig);
        buf_free(&small);
        OK(nf_secret_free(sk));
        OK(nf_secret_free(short_sk));
        EXPECT_RC(nf_secret_free(key), NF_E_WRONG_TYPE);
        EXPECT_RC(nf_x25519_free(key), NF_E_WRONG_TYPE);
        OK(nf_sig_free(key));
        OK(nf_sig_free(twin));
        EXPECT_RC(nf_sig_free(key), NF_E_BAD_HANDLE);
        uint8_t b[8];
        EXPECT_RC(nf_sig_sign(key, msg, sizeof msg, NULL, 0, b, sizeof b, NULL), NF_E_BAD_HANDLE);
        EXPECT_RC(nf_sig_algorithm(key, &got), NF_E_BAD_HANDLE);
    }
    size_t x = 9;
    EXPECT_RC(nf_sig_sizes(0, &x, &x, &x), NF_E_INVALID);
    EXPECT_RC(nf_sig_sizes(13, &x, &x, &x), NF_E_INVALID);
    EXPECT_RC(nf_sig_sizes(1, NULL, &x, &x), NF_E_NULL);
    CHECK(x == 9);
    nf_handle h = 0x42;
    EXPECT_RC(nf_sig_generate(13, &h), NF_E_INVALID);
    EXPECT_RC(nf_sig_import_private(0, 0, &h), NF_E_INVALID);
    int valid = 7;
    uint8_t pk[32] = {0};
    EXPECT_RC(nf_sig_verify(99, pk, 32, NULL, 0, pk, 32, NULL, 0, &valid), NF_E_INVALID);
    CHECK(h == 0x42 && valid == 7);
    OK(nf_sig_free(0));
    /* After a purge the signing key is disposed: signing and its public key give NF_E_PURGED; free still works. */
    nf_handle key = 0;
    OK(nf_sig_generate(NF_SIG_ED25519, &key));
    OK(nf_purge());
    uint8_t sig[64];
    size_t written = 77;
    EXPECT_RC(nf_sig_sign(key, pk, 4, NULL, 0, sig, sizeof sig, &written), NF_E_PURGED);
    CHECK(written == 77);
    EXPECT_RC(nf_sig_export_public(key, pk, sizeof pk, NULL), NF_E_PURGED);
    OK(nf_sig_free(key));
}

/* ML-DSA (FIPS 204) beyond the loop above: exact sizes, a known public key from a seed, hedged signing, contexts,
   every kind of tampering, wrong sizes and wrongly typed handles. */
static void s_mldsa(void)
{
    static const struct {
        uint32_t alg;
        size_t pk, sig;
        uint8_t pk_head[8]; /* Wycheproof mldsa_*_sign_seed: the public key of the seed 0x2a x 32 starts so */
    } params[] = {
        {NF_SIG_MLDSA44, 1312, 2420, {0xdb, 0x9a, 0xc6, 0x77, 0x08, 0xf2, 0xba, 0x0f}},
        {NF_SIG_MLDSA65, 1952, 3309, {0}},
        {NF_SIG_MLDSA87, 2592, 4627, {0}},
    };
    const uint8_t msg[] = "ml-dsa message", ctx[] = "ml-dsa context";
    uint8_t long_ctx[256];
    memset(long_ctx, 0x33, sizeof long_ctx);
    for (size_t i = 0; i < sizeof params / sizeof params[0]; i++) {
        uint32_t alg = params[i].alg;
        size_t pk_n = 0, sig_max = 0, sk_n = 0;
        OK(nf_sig_sizes(alg, &pk_n, &sig_max, &sk_n));
        CHECK(pk_n == params[i].pk && sig_max == params[i].sig && sk_n == 32);

        /* The seed is the private key: import 0x2a x 32 gives the vectors' public key. */
        uint8_t seed[32];
        memset(seed, 0x2a, sizeof seed);
        nf_handle seed_h = 0, key = 0, untouched = 0x42;
        OK(nf_secret_from_bytes(seed, sizeof seed, 0, &seed_h));
        OK(nf_sig_import_private(alg, seed_h, &key));
        guarded_buf pk = buf_new(pk_n, 0xEE), sig = buf_new(sig_max, 0xEE), sig2 = buf_new(sig_max, 0xEE);
        size_t written = 0;
        OK(nf_sig_export_public(key, pk.p, pk.n, &written));
        CHECK(written == pk_n && buf_canaries_ok(&pk));
        if (alg == NF_SIG_MLDSA44) CHECK(memcmp(pk.p, params[i].pk_head, 8) == 0);
        uint32_t got = 0;
        OK(nf_sig_algorithm(key, &got));
        CHECK(got == alg);

        /* Hedged: two signatures of one message differ, both verify; the signature fills the buffer exactly. */
        OK(nf_sig_sign(key, msg, sizeof msg, ctx, sizeof ctx, sig.p, sig.n, &written));
        CHECK(written == sig_max && buf_canaries_ok(&sig));
        OK(nf_sig_sign(key, msg, sizeof msg, ctx, sizeof ctx, sig2.p, sig2.n, &written));
        CHECK(written == sig_max && memcmp(sig.p, sig2.p, sig_max) != 0);
        int valid = -1;
        OK(nf_sig_verify(alg, pk.p, pk_n, msg, sizeof msg, sig.p, sig_max, ctx, sizeof ctx, &valid));
        CHECK(valid == 1);
        OK(nf_sig_verify(alg, pk.p, pk_n, msg, sizeof msg, sig2.p, sig_max, ctx, sizeof ctx, &valid));
        CHECK(valid == 1);

        /* Context: another one, none, or one of 256 bytes (NF_E_INVALID, nothing written); 255 bytes work. */
        OK(nf_sig_verify(alg, pk.p, pk_n, msg, sizeof msg, sig.p, sig_max, ctx, sizeof ctx - 1, &valid));
        CHECK(valid == 0);
        OK(nf_sig_verify(alg, pk.p, pk_n, msg, sizeof msg, sig.p, sig_max, NULL, 0, &valid));
        CHECK(valid == 0);
        valid = 7;
        EXPECT_RC(nf_sig_verify(alg, pk.p, pk_n, msg, sizeof msg, sig.p, sig_max, long_ctx, 256, &valid), NF_E_INVALID);
        CHECK(valid == 7);
        memset(sig2.p, 0xEE, sig2.n);
        written = 77;
        EXPECT_RC(nf_sig_sign(key, msg, sizeof msg, long_ctx, 256, sig2.p, sig2.n, &written), NF_E_INVALID);
        CHECK(written == 77 && all(sig2.p, sig2.n, 0xEE));
        OK(nf_sig_sign(key, msg, sizeof msg, long_ctx, 255, sig2.p, sig2.n, &written));
        OK(nf_sig_verify(alg, pk.p, pk_n, msg, sizeof msg, sig2.p, sig_max, long_ctx, 255, &valid));
        CHECK(valid == 1);
        /* An empty message signs and verifies. */
        OK(nf_sig_sign(key, NULL, 0, NULL, 0, sig2.p, sig2.n, &written));
        OK(nf_sig_verify(alg, pk.p, pk_n, NULL, 0, sig2.p, sig_max, NULL, 0, &valid));
        CHECK(valid == 1);

        /* Tampering: each region of the signature (c~ at the start, z, the hints at the end), the message, the
           public key, and signatures one byte short or long are all "not valid". */
        size_t spots[] = {0, 40, sig_max / 2, sig_max - 1};
        for (size_t s = 0; s < sizeof spots / sizeof spots[0]; s++) {
            sig.p[spots[s]] ^= 0x10;
            OK(nf_sig_verify(alg, pk.p, pk_n, msg, sizeof msg, sig.p, sig_max, ctx, sizeof ctx, &valid));
            CHECK(valid == 0);
            sig.p[spots[s]] ^= 0x10;
        }
        OK(nf_sig_verify(alg, pk.p, pk_n, msg, sizeof msg - 1, sig.p, sig_max, ctx, sizeof ctx, &valid));
        CHECK(valid == 0);
        pk.p[100] ^= 1;
        OK(nf_sig_verify(alg, pk.p, pk_n, msg, sizeof msg, sig.p, sig_max, ctx, sizeof ctx, &valid));
        CHECK(valid == 0);
        pk.p[100] ^= 1;
        OK(nf_sig_verify(alg, pk.p, pk_n, msg, sizeof msg, sig.p, sig_max - 1, ctx, sizeof ctx, &valid));
        CHECK(valid == 0);
        guarded_buf longer = buf_new(sig_max + 1, 0);
        memcpy(longer.p, sig.p, sig_max);
        OK(nf_sig_verify(alg, pk.p, pk_n, msg, sizeof msg, longer.p, longer.n, ctx, sizeof ctx, &valid));
        CHECK(valid == 0);
        uint8_t *zero_pk = calloc(1, pk_n); /* any key of the right size is accepted, and verifies nothing */
        OK(nf_sig_verify(alg, zero_pk, pk_n, msg, sizeof msg, sig.p, sig_max, ctx, sizeof ctx, &valid));
        CHECK(valid == 0);
        free(zero_pk);
        OK(nf_sig_verify(alg, pk.p, pk_n, msg, sizeof msg, sig.p, sig_max, ctx, sizeof ctx, &valid));
        CHECK(valid == 1); /* every flip above was undone */

        /* Wrong sizes: public key +-1, another ML-DSA's key size, seed 31 / 33 bytes, a buffer one byte short. */
        EXPECT_RC(nf_sig_verify(alg, pk.p, pk_n - 1, msg, sizeof msg, sig.p, sig_max, ctx, sizeof ctx, &valid), NF_E_INVALID);
        EXPECT_RC(nf_sig_verify(alg, longer.p, pk_n + 1, msg, sizeof msg, sig.p, sig_max, NULL, 0, &valid), NF_E_INVALID);
        uint32_t other = alg == NF_SIG_MLDSA44 ? NF_SIG_MLDSA65 : NF_SIG_MLDSA44;
        EXPECT_RC(nf_sig_verify(other, pk.p, pk_n, msg, sizeof msg, sig.p, sig_max, ctx, sizeof ctx, &valid), NF_E_INVALID);
        nf_handle short_seed = 0, long_seed = 0;
        OK(nf_secret_random(31, 0, &short_seed));
        OK(nf_secret_random(33, 0, &long_seed));
        EXPECT_RC(nf_sig_import_private(alg, short_seed, &untouched), NF_E_INVALID);
        EXPECT_RC(nf_sig_import_private(alg, long_seed, &untouched), NF_E_INVALID);
        guarded_buf small = buf_new(sig_max - 1, 0xEE);
        written = 0;
        EXPECT_RC(nf_sig_sign(key, msg, sizeof msg, ctx, sizeof ctx, small.p, small.n, &written), NF_E_BUFFER_SMALL);
        CHECK(written == sig_max && all(small.p, small.n, 0xEE) && buf_canaries_ok(&small));

        /* Wrongly typed handles, both ways: an ML-KEM key, an X25519 key, a secret are not signing keys; the
           signing key is not a secret, a KEM key or a private-key source. */
        nf_handle kem = 0, x = 0;
        OK(nf_kem_generate(NF_KEM_MLKEM768, &kem));
        OK(nf_x25519_generate(&x));
        nf_handle not_keys[] = {kem, x, seed_h};
        for (size_t j = 0; j < 3; j++) {
            EXPECT_RC(nf_sig_sign(not_keys[j], msg, sizeof msg, NULL, 0, sig.p, sig.n, NULL), NF_E_WRONG_TYPE);
            EXPECT_RC(nf_sig_export_public(not_keys[j], pk.p, pk.n, NULL), NF_E_WRONG_TYPE);
            EXPECT_RC(nf_sig_algorithm(not_keys[j], &got), NF_E_WRONG_TYPE);
            EXPECT_RC(nf_sig_free(not_keys[j]), NF_E_WRONG_TYPE);
        }
        EXPECT_RC(nf_sig_import_private(alg, kem, &untouched), NF_E_WRONG_TYPE);
        EXPECT_RC(nf_sig_import_private(alg, key, &untouched), NF_E_WRONG_TYPE);
        uint8_t ct[1088];
        nf_handle ss = 0;
        EXPECT_RC(nf_kem_encapsulate(key, ct, sizeof ct, NULL, &ss), NF_E_WRONG_TYPE);
        EXPECT_RC(nf_secret_read(key, ct, sizeof ct, NULL), NF_E_WRONG_TYPE);
        EXPECT_RC(nf_kem_free(key), NF_E_WRONG_TYPE);
        CHECK(untouched == 0x42 && ss == 0);

        /* A key generated here is another key; freed, it is gone. */
        nf_handle fresh = 0;
        OK(nf_sig_generate(alg, &fresh));
        OK(nf_sig_verify(alg, pk.p, pk_n, msg, sizeof msg, sig.p, sig_max, ctx, sizeof ctx, &valid));
        OK(nf_sig_export_public(fresh, pk.p, pk.n, NULL));
        OK(nf_sig_verify(alg, pk.p, pk_n, msg, sizeof msg, sig.p, sig_max, ctx, sizeof ctx, &valid));
        CHECK(valid == 0);
        OK(nf_sig_free(fresh));
        EXPECT_RC(nf_sig_sign(fresh, msg, sizeof msg, NULL, 0, sig.p, sig.n, NULL), NF_E_BAD_HANDLE);

        OK(nf_kem_free(kem));
        OK(nf_x25519_free(x));
        OK(nf_secret_free(short_seed));
        OK(nf_secret_free(long_seed));
        OK(nf_secret_free(seed_h));
        OK(nf_sig_free(key));
        EXPECT_RC(nf_sig_free(key), NF_E_BAD_HANDLE);
        buf_free(&pk);
        buf_free(&sig);
        buf_free(&sig2);
        buf_free(&longer);
        buf_free(&small);
    }
    /* After a purge an ML-DSA key signs no more. */
    nf_handle key = 0;
    OK(nf_sig_generate(NF_SIG_MLDSA65, &key));
    OK(nf_purge());
    uint8_t *b = malloc(3309);
    EXPECT_RC(nf_sig_sign(key, b, 0, NULL, 0, b, 3309, NULL), NF_E_PURGED);
    free(b);
    OK(nf_sig_free(key));
}

/* ---- vectors: a line-oriented driver for NativeVectorTests (official vectors through the C ABI) ----
   Each input line is a command with hex arguments ("-" = empty); each answer is one line, "ok <hex>..." or
   "ok ... err <status>". Secret outputs are printed: test only. */

static size_t hex_decode(const char *hex, uint8_t **out)
{
    size_t n = strcmp(hex, "-") == 0 ? 0 : strlen(hex) / 2;
    *out = malloc(n ? n : 1);
    for (size_t i = 0; i < n; i++) {
        unsigned v = 0;
        sscanf(hex + 2 * i, "%2x", &v);
        (*out)[i] = (uint8_t)v;
    }
    return n;
}

static void print_hex_word(const uint8_t *p, size_t n)
{
    printf(" ");
    if (n == 0) printf("-");
    for (size_t i = 0; i < n; i++) printf("%02x", p[i]);
}

static int secret_from_hex(const uint8_t *p, size_t n, nf_handle *out)
{
    if (n == 0) {
        *out = 0;
        return NF_OK;
    }
    uint8_t *copy = malloc(n);
    memcpy(copy, p, n);
    int rc = nf_secret_from_bytes(copy, n, 0, out);
    free(copy);
    return rc;
}

static int print_secret(nf_handle h)
{
    size_t n = 0;
    int rc = nf_secret_length(h, &n);
    if (rc != NF_OK) return rc;
    uint8_t *b = malloc(n);
    rc = nf_secret_read(h, b, n, NULL);
    if (rc == NF_OK) print_hex_word(b, n);
    free(b);
    return rc;
}

#define VEC_TRY(call)                                                                                      \
    do {                                                                                                   \
        rc = (call);                                                                                       \
        if (rc != NF_OK) goto done;                                                                        \
    } while (0)

static void s_vectors(void)
{
    char *line = NULL;
    size_t cap = 0;
    while (getline(&line, &cap, stdin) > 0) {
        char *words[16];
        int count = 0;
        for (char *w = strtok(line, " \n"); w && count < 16; w = strtok(NULL, " \n")) words[count++] = w;
        if (count == 0) continue;
        uint8_t *arg[16] = {0};
        size_t len[16] = {0};
        for (int i = 1; i < count; i++) len[i] = hex_decode(words[i], &arg[i]);
        nf_handle h[4] = {0, 0, 0, 0};
        int rc = NF_E_INVALID;
        uint8_t *out = NULL;
        printf("ok");
        if (strcmp(words[0], "kem") == 0 && count == 4) {
            /* kem <alg as 4 hex digits> <seed> <ciphertext>: public key, shared secret */
            uint32_t alg = (uint32_t)arg[1][0] << 8 | arg[1][1];
            size_t pk_n = 0, ct_n = 0, seed_n = 0;
            VEC_TRY(nf_kem_sizes(alg, &pk_n, &ct_n, &seed_n));
            VEC_TRY(secret_from_hex(arg[2], len[2], &h[0]));
            VEC_TRY(nf_kem_import_seed(alg, h[0], &h[1]));
            out = malloc(pk_n);
            VEC_TRY(nf_kem_export_public(h[1], out, pk_n, NULL));
            VEC_TRY(nf_kem_decapsulate(h[1], arg[3], len[3], &h[2]));
            print_hex_word(out, pk_n);
            VEC_TRY(print_secret(h[2]));
        } else if (strcmp(words[0], "hpke") == 0 && count == 11) {
            /* hpke <kem kdf aead: 2 bytes each> <ikm> <enc> <ct> <info> <aad> <psk> <psk_id>: public key, plaintext */
            uint16_t kem = (uint16_t)(arg[1][0] << 8 | arg[1][1]), kdf = (uint16_t)(arg[2][0] << 8 | arg[2][1]),
                     aead = (uint16_t)(arg[3][0] << 8 | arg[3][1]);
            VEC_TRY(secret_from_hex(arg[4], len[4], &h[0]));
            VEC_TRY(nf_hpke_key_derive(kem, h[0], &h[1]));
            VEC_TRY(secret_from_hex(arg[9], len[9], &h[2]));
            out = malloc(4096 + len[6]);
            size_t pk_n = 0, pt_n = 0;
            VEC_TRY(nf_hpke_key_export_public(h[1], out, 4096, &pk_n));
            print_hex_word(out, pk_n);
            VEC_TRY(nf_hpke_open(h[1], kdf, aead, arg[5], len[5], arg[7], len[7], arg[8], len[8], h[2], arg[10],
                                 len[10], arg[6], len[6], out, 4096 + len[6], &pt_n));
            print_hex_word(out, pt_n);
        } else if (strcmp(words[0], "hpke_seal") == 0 && count == 10) {
            /* hpke_seal <kem kdf aead> <pk> <pt> <info> <aad> <psk> <psk_id>: enc, ciphertext */
            uint16_t kem = (uint16_t)(arg[1][0] << 8 | arg[1][1]), kdf = (uint16_t)(arg[2][0] << 8 | arg[2][1]),
                     aead = (uint16_t)(arg[3][0] << 8 | arg[3][1]);
            size_t enc_n = 0, ct_n = 0;
            VEC_TRY(nf_hpke_sizes(kem, kdf, aead, len[5], &enc_n, &ct_n));
            VEC_TRY(secret_from_hex(arg[8], len[8], &h[0]));
            out = malloc(enc_n + ct_n);
            VEC_TRY(nf_hpke_seal(kem, kdf, aead, arg[4], len[4], arg[6], len[6], arg[7], len[7], h[0], arg[9], len[9],
                                 arg[5], len[5], out, enc_n, out + enc_n, ct_n, NULL));
            print_hex_word(out, enc_n);
            print_hex_word(out + enc_n, ct_n);
        } else if (strcmp(words[0], "argon2id") == 0 && count == 9) {
            /* argon2id <password> <salt> <secret> <ad> <m t p length: 4 bytes each, big-endian>: tag */
            uint32_t v[4];
            for (int i = 0; i < 4; i++)
                v[i] = (uint32_t)arg[5 + i][0] << 24 | (uint32_t)arg[5 + i][1] << 16 | (uint32_t)arg[5 + i][2] << 8 |
                       arg[5 + i][3];
            VEC_TRY(secret_from_hex(arg[1], len[1], &h[0]));
            VEC_TRY(secret_from_hex(arg[3], len[3], &h[1]));
            VEC_TRY(nf_argon2id(h[0], arg[2], len[2], h[1], arg[4], len[4], v[0], v[1], v[2], v[3], &h[2]));
            VEC_TRY(print_secret(h[2]));
        } else if (strcmp(words[0], "phc_verify") == 0 && count == 3) {
            /* phc_verify <phc string as hex> <password>: 01 or 00 */
            int match = -1;
            VEC_TRY(secret_from_hex(arg[2], len[2], &h[0]));
            VEC_TRY(nf_argon2_phc_verify((const char *)arg[1], len[1], h[0], &match));
            uint8_t m = (uint8_t)match;
            print_hex_word(&m, 1);
        } else if (strcmp(words[0], "sig_seed") == 0 && count == 6) {
            /* sig_seed <alg: 2 bytes> <seed> <msg> <ctx> <sig>: public key, 01/00 (sig verifies), a fresh signature */
            uint32_t alg = (uint32_t)arg[1][0] << 8 | arg[1][1];
            size_t pk_n = 0, sig_max = 0, sk_n = 0, sig_n = 0;
            int valid = -1;
            VEC_TRY(nf_sig_sizes(alg, &pk_n, &sig_max, &sk_n));
            VEC_TRY(secret_from_hex(arg[2], len[2], &h[0]));
            VEC_TRY(nf_sig_import_private(alg, h[0], &h[1]));
            out = malloc(pk_n + sig_max);
            VEC_TRY(nf_sig_export_public(h[1], out, pk_n, NULL));
            VEC_TRY(nf_sig_verify(alg, out, pk_n, arg[3], len[3], arg[5], len[5], arg[4], len[4], &valid));
            VEC_TRY(nf_sig_sign(h[1], arg[3], len[3], arg[4], len[4], out + pk_n, sig_max, &sig_n));
            uint8_t v = (uint8_t)valid;
            print_hex_word(out, pk_n);
            print_hex_word(&v, 1);
            print_hex_word(out + pk_n, sig_n);
        } else if (strcmp(words[0], "sig_verify") == 0 && count == 6) {
            /* sig_verify <alg: 2 bytes> <public key> <msg> <ctx> <sig>: 01/00 */
            uint32_t alg = (uint32_t)arg[1][0] << 8 | arg[1][1];
            int valid = -1;
            VEC_TRY(nf_sig_verify(alg, arg[2], len[2], arg[3], len[3], arg[5], len[5], arg[4], len[4], &valid));
            uint8_t v = (uint8_t)valid;
            print_hex_word(&v, 1);
        } else {
            rc = NF_E_INVALID;
            goto done;
        }
        rc = NF_OK;
    done:
        if (rc != NF_OK) printf(" err %d", rc);
        printf("\n");
        fflush(stdout);
        free(out);
        for (int i = 0; i < 4; i++) {
            if (h[i] == 0) continue;
            if (nf_secret_free(h[i]) == NF_E_WRONG_TYPE && nf_kem_free(h[i]) == NF_E_WRONG_TYPE &&
                nf_hpke_key_free(h[i]) == NF_E_WRONG_TYPE)
                nf_sig_free(h[i]);
        }
        for (int i = 1; i < count; i++) free(arg[i]);
    }
    free(line);
}

/* ---- first call: every export must work as the very first call into the library, when the .NET runtime starts
   inside it (each one is called first in its own forked child, before this process ever called the library) ---- */

static int first_nf_version(void) { return nf_version(NULL) == NF_E_NULL; }
static int first_nf_strerror(void) { return nf_strerror(NF_E_NULL) != NULL; }
static int first_nf_secret_new(void) { return nf_secret_new(0, 0, NULL) == NF_E_NULL; }
static int first_nf_secret_random(void) { return nf_secret_random(0, 0, NULL) == NF_E_NULL; }
static int first_nf_secret_from_bytes(void) { return nf_secret_from_bytes(NULL, 0, 0, NULL) == NF_E_NULL; }
static int first_nf_secret_length(void) { size_t n; return nf_secret_length(0, &n) == NF_E_BAD_HANDLE; }
static int first_nf_secret_read(void) { uint8_t b[4]; return nf_secret_read(0, b, 4, NULL) == NF_E_BAD_HANDLE; }
static int first_nf_secret_write(void) { uint8_t b[4] = {0}; return nf_secret_write(0, 0, b, 4) == NF_E_BAD_HANDLE; }
static int first_nf_secret_with_read(void) { return nf_secret_with_read(0, read_cb, NULL) == NF_E_BAD_HANDLE; }
static int first_nf_secret_with_write(void) { return nf_secret_with_write(0, write_cb, NULL) == NF_E_BAD_HANDLE; }
static int first_nf_secret_freeze(void) { return nf_secret_freeze(0) == NF_E_BAD_HANDLE; }
static int first_nf_secret_melt(void) { return nf_secret_melt(0) == NF_E_BAD_HANDLE; }
static int first_nf_secret_is_frozen(void) { int f; return nf_secret_is_frozen(0, &f) == NF_E_BAD_HANDLE; }
static int first_nf_secret_protection(void) { uint32_t p, t; return nf_secret_protection(0, &p, &t) == NF_E_BAD_HANDLE; }
static int first_nf_secret_equal(void) { int e; return nf_secret_equal(0, 0, &e) == NF_E_BAD_HANDLE; }
static int first_nf_secret_free(void) { return nf_secret_free(1) == NF_E_BAD_HANDLE; }
static int first_nf_enclave_seal(void) { nf_handle h; return nf_enclave_seal(0, &h) == NF_E_BAD_HANDLE; }
static int first_nf_enclave_open(void) { nf_handle h; return nf_enclave_open(0, 0, &h) == NF_E_BAD_HANDLE; }
static int first_nf_enclave_length(void) { size_t n; return nf_enclave_length(0, &n) == NF_E_BAD_HANDLE; }
static int first_nf_enclave_free(void) { return nf_enclave_free(1) == NF_E_BAD_HANDLE; }
static int first_nf_mlkem768_generate(void) { nf_handle h = 0; return nf_mlkem768_generate(&h) == NF_OK && h != 0; }
static int first_nf_mlkem768_import_public(void) { uint8_t b[4] = {0}; nf_handle h; return nf_mlkem768_import_public(b, 4, &h) == NF_E_INVALID; }
static int first_nf_mlkem768_export_public(void) { uint8_t b[4]; return nf_mlkem768_export_public(0, b, 4, NULL) == NF_E_BAD_HANDLE; }
static int first_nf_mlkem768_encapsulate(void) { uint8_t b[4]; nf_handle h; return nf_mlkem768_encapsulate(0, b, 4, &h) == NF_E_BAD_HANDLE; }
static int first_nf_mlkem768_decapsulate(void) { uint8_t b[4] = {0}; nf_handle h; return nf_mlkem768_decapsulate(0, b, 4, &h) == NF_E_BAD_HANDLE; }
static int first_nf_mlkem768_has_private(void) { int f; return nf_mlkem768_has_private(0, &f) == NF_E_BAD_HANDLE; }
static int first_nf_mlkem768_free(void) { return nf_mlkem768_free(1) == NF_E_BAD_HANDLE; }
static int first_nf_kem_sizes(void) { size_t a, b, c; return nf_kem_sizes(0, &a, &b, &c) == NF_E_INVALID; }
static int first_nf_kem_generate(void) { nf_handle h = 0; return nf_kem_generate(NF_KEM_XWING, &h) == NF_OK && h != 0; }
static int first_nf_kem_import_seed(void) { nf_handle h; return nf_kem_import_seed(NF_KEM_MLKEM512, 0, &h) == NF_E_BAD_HANDLE; }
static int first_nf_kem_import_public(void) { uint8_t b[4] = {0}; nf_handle h; return nf_kem_import_public(NF_KEM_MLKEM1024, b, 4, &h) == NF_E_INVALID; }
static int first_nf_kem_export_public(void) { uint8_t b[4]; return nf_kem_export_public(0, b, 4, NULL) == NF_E_BAD_HANDLE; }
static int first_nf_kem_encapsulate(void) { uint8_t b[4]; nf_handle h; return nf_kem_encapsulate(0, b, 4, NULL, &h) == NF_E_BAD_HANDLE; }
static int first_nf_kem_decapsulate(void) { uint8_t b[4] = {0}; nf_handle h; return nf_kem_decapsulate(0, b, 4, &h) == NF_E_BAD_HANDLE; }
static int first_nf_kem_algorithm(void) { uint32_t a; return nf_kem_algorithm(0, &a) == NF_E_BAD_HANDLE; }
static int first_nf_kem_has_private(void) { int f; return nf_kem_has_private(0, &f) == NF_E_BAD_HANDLE; }
static int first_nf_kem_free(void) { return nf_kem_free(1) == NF_E_BAD_HANDLE; }
static int first_nf_hpke_sizes(void) { size_t a, b; return nf_hpke_sizes(0x20, 1, 1, 5, &a, &b) == NF_OK && b == 21; }
static int first_nf_hpke_key_generate(void) { nf_handle h = 0; return nf_hpke_key_generate(0x0020, &h) == NF_OK && h != 0; }
static int first_nf_hpke_key_derive(void) { nf_handle h; return nf_hpke_key_derive(0x0020, 0, &h) == NF_E_BAD_HANDLE; }
static int first_nf_hpke_key_import(void) { nf_handle h; return nf_hpke_key_import(0x0020, 0, &h) == NF_E_BAD_HANDLE; }
static int first_nf_hpke_key_export_public(void) { uint8_t b[4]; return nf_hpke_key_export_public(0, b, 4, NULL) == NF_E_BAD_HANDLE; }
static int first_nf_hpke_key_kem(void) { uint16_t k; return nf_hpke_key_kem(0, &k) == NF_E_BAD_HANDLE; }
static int first_nf_hpke_key_free(void) { return nf_hpke_key_free(1) == NF_E_BAD_HANDLE; }
static int first_nf_hpke_seal(void) { uint8_t pk[32] = {9}, e[32], c[64]; return nf_hpke_seal(0x20, 1, 3, pk, 32, NULL, 0, NULL, 0, 0, NULL, 0, pk, 4, e, 32, c, 64, NULL) == NF_OK; }
static int first_nf_hpke_open(void) { uint8_t b[32] = {0}; return nf_hpke_open(0, 1, 3, b, 32, NULL, 0, NULL, 0, 0, NULL, 0, b, 32, b, 32, NULL) == NF_E_BAD_HANDLE; }
static int first_nf_argon2id(void) { uint8_t s[8] = {0}; nf_handle h; return nf_argon2id(1, s, 8, 0, NULL, 0, 8, 1, 1, 32, &h) == NF_E_BAD_HANDLE; }
static int first_nf_argon2id_phc_hash(void) { char b[4]; return nf_argon2id_phc_hash(1, 8, 1, 1, b, 4, NULL) == NF_E_BAD_HANDLE; }
static int first_nf_argon2_phc_verify(void) { int m; return nf_argon2_phc_verify("$", 1, 1, &m) == NF_E_BAD_HANDLE; }
static int first_nf_x25519_generate(void) { nf_handle h = 0; return nf_x25519_generate(&h) == NF_OK && h != 0; }
static int first_nf_x25519_import(void) { nf_handle h; return nf_x25519_import(0, &h) == NF_E_BAD_HANDLE; }
static int first_nf_x25519_export_public(void) { uint8_t b[4]; return nf_x25519_export_public(0, b, 4, NULL) == NF_E_BAD_HANDLE; }
static int first_nf_x25519_agree(void) { uint8_t b[32] = {0}; nf_handle h; return nf_x25519_agree(0, b, 32, &h) == NF_E_BAD_HANDLE; }
static int first_nf_x25519_free(void) { return nf_x25519_free(1) == NF_E_BAD_HANDLE; }
static int first_nf_sig_sizes(void) { size_t a, b, c; return nf_sig_sizes(NF_SIG_ED25519, &a, &b, &c) == NF_OK && a == 32 && b == 64; }
static int first_nf_sig_generate(void) { nf_handle h = 0; return nf_sig_generate(NF_SIG_ECDSA_P256_SHA256, &h) == NF_OK && h != 0; }
static int first_nf_sig_import_private(void) { nf_handle h; return nf_sig_import_private(NF_SIG_ED448, 0, &h) == NF_E_BAD_HANDLE; }
static int first_nf_sig_export_public(void) { uint8_t b[4]; return nf_sig_export_public(0, b, 4, NULL) == NF_E_BAD_HANDLE; }
static int first_nf_sig_algorithm(void) { uint32_t a; return nf_sig_algorithm(0, &a) == NF_E_BAD_HANDLE; }
static int first_nf_sig_sign(void) { uint8_t b[4] = {0}; return nf_sig_sign(0, b, 4, NULL, 0, b, 4, NULL) == NF_E_BAD_HANDLE; }
static int first_nf_sig_verify(void) { uint8_t b[64] = {0}; int v = 7; return nf_sig_verify(NF_SIG_ED25519, b, 32, b, 4, b, 64, NULL, 0, &v) == NF_OK && v == 0; }
static int first_nf_sig_free(void) { return nf_sig_free(1) == NF_E_BAD_HANDLE; }
static int first_nf_capabilities(void) { nf_caps c; memset(&c, 0, sizeof c); c.size = sizeof c; return nf_capabilities(&c) == NF_OK; }
static int first_nf_purge(void) { return nf_purge() == NF_OK; }
static int first_nf_policy_get(void) { int p = -1; return nf_policy_get(&p) == NF_OK && p == NF_POLICY_STRICT; }
static int first_nf_policy_set(void) { return nf_policy_set(7) == NF_E_INVALID; }
static int first_nf_lock_all_memory(void) { int rc = nf_lock_all_memory(); return rc == NF_OK || rc == NF_E_REFUSED; }
static int first_nf_harden_process(void) { return nf_harden_process() == NF_OK; }
static int first_nf_catch_interrupt(void) { return nf_catch_interrupt(NULL, NULL, NULL) == NF_E_NULL; }
static int first_nf_interrupt_free(void) { return nf_interrupt_free(1) == NF_E_BAD_HANDLE; }

#define FIRST(name) {#name, first_##name}
static const struct {
    const char *name;
    int (*call)(void);
} first_calls[] = {
    FIRST(nf_version), FIRST(nf_strerror), FIRST(nf_secret_new), FIRST(nf_secret_random), FIRST(nf_secret_from_bytes),
    FIRST(nf_secret_length), FIRST(nf_secret_read), FIRST(nf_secret_write), FIRST(nf_secret_with_read),
    FIRST(nf_secret_with_write), FIRST(nf_secret_freeze), FIRST(nf_secret_melt), FIRST(nf_secret_is_frozen),
    FIRST(nf_secret_protection), FIRST(nf_secret_equal), FIRST(nf_secret_free), FIRST(nf_enclave_seal),
    FIRST(nf_enclave_open), FIRST(nf_enclave_length), FIRST(nf_enclave_free), FIRST(nf_mlkem768_generate),
    FIRST(nf_mlkem768_import_public), FIRST(nf_mlkem768_export_public), FIRST(nf_mlkem768_encapsulate),
    FIRST(nf_mlkem768_decapsulate), FIRST(nf_mlkem768_has_private), FIRST(nf_mlkem768_free), FIRST(nf_kem_sizes),
    FIRST(nf_kem_generate), FIRST(nf_kem_import_seed), FIRST(nf_kem_import_public), FIRST(nf_kem_export_public),
    FIRST(nf_kem_encapsulate), FIRST(nf_kem_decapsulate), FIRST(nf_kem_algorithm), FIRST(nf_kem_has_private),
    FIRST(nf_kem_free), FIRST(nf_hpke_sizes), FIRST(nf_hpke_key_generate), FIRST(nf_hpke_key_derive),
    FIRST(nf_hpke_key_import), FIRST(nf_hpke_key_export_public), FIRST(nf_hpke_key_kem), FIRST(nf_hpke_key_free),
    FIRST(nf_hpke_seal), FIRST(nf_hpke_open), FIRST(nf_argon2id), FIRST(nf_argon2id_phc_hash),
    FIRST(nf_argon2_phc_verify), FIRST(nf_x25519_generate), FIRST(nf_x25519_import), FIRST(nf_x25519_export_public),
    FIRST(nf_x25519_agree), FIRST(nf_x25519_free), FIRST(nf_sig_sizes), FIRST(nf_sig_generate),
    FIRST(nf_sig_import_private), FIRST(nf_sig_export_public), FIRST(nf_sig_algorithm), FIRST(nf_sig_sign),
    FIRST(nf_sig_verify), FIRST(nf_sig_free), FIRST(nf_capabilities),
    FIRST(nf_purge), FIRST(nf_policy_get), FIRST(nf_policy_set), FIRST(nf_lock_all_memory), FIRST(nf_harden_process),
    FIRST(nf_catch_interrupt), FIRST(nf_interrupt_free),
};

static void s_first_call(void)
{
    for (size_t i = 0; i < sizeof first_calls / sizeof first_calls[0]; i++) {
        fflush(stdout);
        fflush(stderr);
        pid_t pid = fork();
        if (pid == 0) _exit(first_calls[i].call() ? 0 : 1);
        int status = 0;
        if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
            fprintf(stderr, "%s as the first call: wait status %d (exited=%d code=%d signaled=%d sig=%d)\n",
                    first_calls[i].name, status, WIFEXITED(status), WIFEXITED(status) ? WEXITSTATUS(status) : -1,
                    WIFSIGNALED(status), WIFSIGNALED(status) ? WTERMSIG(status) : -1);
            failures++;
        }
    }
}

/* ---- threads ---- */
#define WORKERS 4
#define PER_WORKER 16

typedef struct {
    nf_handle handles[PER_WORKER];
    volatile int *stop; /* set after nf_purge returned */
    int bad;       /* a status outside the allowed set */
    int purged;    /* NF_E_PURGED seen */
    int ok;
} worker;

static void *hammer(void *arg)
{
    worker *w = arg;
    uint8_t out[32];
    const uint8_t in[8] = {1, 2, 3, 4, 5, 6, 7, 8};
    cb_state s;
    memset(&s, 0, sizeof s);
    unsigned round = 0, after_stop = 0;
    /* Runs until told to stop (the purge is over by then), then 20 more rounds that must all see NF_E_PURGED. */
    while (after_stop < 20) {
        if (*w->stop) after_stop++;
        nf_handle h = w->handles[round % PER_WORKER];
        int rcs[4];
        rcs[0] = nf_secret_read(h, out, sizeof out, NULL);
        rcs[1] = nf_secret_write(h, 8, in, sizeof in);
        rcs[2] = nf_secret_with_read(h, read_cb, &s);
        int eq;
        rcs[3] = nf_secret_equal(h, w->handles[(round + 1) % PER_WORKER], &eq);
        for (int i = 0; i < 4; i++) {
            if (rcs[i] == NF_OK) w->ok++;
            else if (rcs[i] == NF_E_PURGED) w->purged++;
            else w->bad++;
        }
        round++;
    }
    return NULL;
}

static void s_purge_from_thread(void)
{
    volatile int stop = 0;
    worker ws[WORKERS];
    pthread_t threads[WORKERS];
    memset(ws, 0, sizeof ws);
    for (int t = 0; t < WORKERS; t++) {
        ws[t].stop = &stop;
        for (int i = 0; i < PER_WORKER; i++)
            OK(nf_secret_random(32, (i % 3 == 0) ? NF_SECRET_GUARDED : 0, &ws[t].handles[i]));
    }
    for (int t = 0; t < WORKERS; t++) pthread_create(&threads[t], NULL, hammer, &ws[t]);
    usleep(20000);
    OK(nf_purge()); /* from this thread, while the workers run */
    stop = 1;
    for (int t = 0; t < WORKERS; t++) pthread_join(threads[t], NULL);
    for (int t = 0; t < WORKERS; t++) {
        CHECK(ws[t].bad == 0);
        CHECK(ws[t].purged >= 20 * 4); /* at least the 20 rounds after the purge */
        for (int i = 0; i < PER_WORKER; i++) {
            size_t len = 0;
            EXPECT_RC(nf_secret_length(ws[t].handles[i], &len), NF_E_PURGED);
            OK(nf_secret_free(ws[t].handles[i]));
        }
    }
}

typedef struct {
    nf_handle *shared;
    int bad;
} churn_arg;

static void *use_shared(void *arg)
{
    churn_arg *c = arg;
    uint8_t out[16];
    for (int round = 0; round < 2000; round++) {
        int rc = nf_secret_read(c->shared[round % 64], out, sizeof out, NULL);
        if (rc != NF_OK && rc != NF_E_BAD_HANDLE) c->bad++;
    }
    return NULL;
}

/* One thread frees handles that others are using: the users see NF_OK or NF_E_BAD_HANDLE, nothing else. */
static void s_free_while_used(void)
{
    static nf_handle shared[64];
    for (int i = 0; i < 64; i++) OK(nf_secret_random(16, (i & 1) ? NF_SECRET_GUARDED : 0, &shared[i]));
    churn_arg args[3];
    pthread_t threads[3];
    memset(args, 0, sizeof args);
    for (int t = 0; t < 3; t++) {
        args[t].shared = shared;
        pthread_create(&threads[t], NULL, use_shared, &args[t]);
    }
    for (int i = 0; i < 64; i++) {
        OK(nf_secret_free(shared[i]));
        usleep(100);
    }
    for (int t = 0; t < 3; t++) {
        pthread_join(threads[t], NULL);
        CHECK(args[t].bad == 0);
    }
    for (int i = 0; i < 64; i++) EXPECT_RC(nf_secret_free(shared[i]), NF_E_BAD_HANDLE);
}

/* nf_secret_free keeps a pooled secret's slot for the next nf_secret_new of its size class (docs/native.md,
   "Handles"). Single-threaded: a recycled slot comes back zeroed and counted as free; a secret freed while a lease is
   open keeps its bytes until the lease closes and its slot is not handed to a new secret meanwhile. Then threads
   create, tag, publish, read (their own and each other's handles) and free pooled secrets of several sizes at once:
   every read of a live handle returns its own tag whole, a freed handle is dead, no slot is ever shared. */
static int free_and_create_inside_read_cb(const uint8_t *data, size_t length, void *context)
{
    cb_state *s = context;
    s->nested_rc = nf_secret_free(s->self);
    nf_handle other = 0;
    if (nf_secret_new(length, 0, &other) != NF_OK) s->nested_rc = -1000;
    uint8_t fill[64];
    memset(fill, 0x11, sizeof fill);
    if (nf_secret_write(other, 0, fill, length) != NF_OK) s->nested_rc = -1001;
    /* The new secret must not be in this lease's memory. */
    s->copy[0] = all(data, length, 0xA5) ? 1 : 0;
    if (nf_secret_free(other) != NF_OK) s->nested_rc = -1002;
    return 0;
}

#define RECYCLE_THREADS 4
#define RECYCLE_ROUNDS 1500
static nf_handle recycle_published[RECYCLE_THREADS * 8]; /* __atomic builtins: the program is C99 */

static uint8_t recycle_tag(nf_handle h) { return (uint8_t)((h * 0x9E3779B97F4A7C15ull) >> 56) | 1; }

static void *recycle_worker(void *arg)
{
    int *bad = arg;
    static const size_t sizes[] = {16, 32, 1024, 4096, 3000, 1};
    uint8_t buf[4096], out[4096];
    for (int round = 0; round < RECYCLE_ROUNDS; round++) {
        nf_handle h[6];
        for (int i = 0; i < 6; i++) {
            if (nf_secret_new(sizes[i], 0, &h[i]) != NF_OK) { (*bad)++; h[i] = 0; continue; }
            size_t n = 0;
            /* Fresh: zero, whether the slot is recycled or not. */
            if (nf_secret_read(h[i], out, sizeof out, &n) != NF_OK || n != sizes[i] || !all(out, n, 0)) (*bad)++;
            memset(buf, recycle_tag(h[i]), sizes[i]);
            if (nf_secret_write(h[i], 0, buf, sizes[i]) != NF_OK) (*bad)++;
            __atomic_store_n(&recycle_published[(size_t)(round * 6 + i) % (RECYCLE_THREADS * 8)], h[i], __ATOMIC_RELEASE);
        }
        /* Read whatever is published (others' handles too): a live one reads its own tag whole, a dead one is
           NF_E_BAD_HANDLE; nothing else. */
        for (int k = 0; k < RECYCLE_THREADS * 8; k++) {
            nf_handle p = __atomic_load_n(&recycle_published[k], __ATOMIC_ACQUIRE);
            if (p == 0) continue;
            size_t n = 0;
            int rc = nf_secret_read(p, out, sizeof out, &n);
            if (rc == NF_OK) {
                if (!all(out, n, recycle_tag(p))) (*bad)++;
            } else if (rc != NF_E_BAD_HANDLE) {
                (*bad)++;
            }
        }
        for (int i = 0; i < 6; i++) {
            if (h[i] == 0) continue;
            size_t n = 0;
            if (nf_secret_read(h[i], out, sizeof out, &n) != NF_OK || !all(out, n, recycle_tag(h[i]))) (*bad)++;
            if (nf_secret_free(h[i]) != NF_OK) (*bad)++;
            if (nf_secret_free(h[i]) != NF_E_BAD_HANDLE) (*bad)++;
            if (nf_secret_read(h[i], out, sizeof out, &n) != NF_E_BAD_HANDLE) (*bad)++;
        }
    }
    return NULL;
}

static int64_t live_pooled(void)
{
    nf_caps caps;
    memset(&caps, 0, sizeof caps);
    caps.size = sizeof caps;
    if (nf_capabilities(&caps) != NF_OK) return -1;
    return caps.live_pooled_secrets;
}

static void s_secret_recycle(void)
{
    int64_t before = live_pooled();
    uint8_t fill[32], out[32];
    memset(fill, 0xA5, sizeof fill);
    nf_handle a = 0, b = 0;
    OK(nf_secret_new(32, 0, &a));
    OK(nf_secret_write(a, 0, fill, 32));
    CHECK(live_pooled() == before + 1);
    OK(nf_secret_free(a));
    CHECK(live_pooled() == before); /* a kept slot is free, not a live secret */
    OK(nf_secret_new(32, 0, &b));
    OK(nf_secret_read(b, out, 32, NULL));
    CHECK(all(out, 32, 0));
    OK(nf_secret_free(b));

    /* Freed inside its own read lease: the bytes stay until the lease closes, and a secret created meanwhile gets
       other memory. */
    OK(nf_secret_new(32, 0, &a));
    OK(nf_secret_write(a, 0, fill, 32));
    cb_state s;
    memset(&s, 0, sizeof s);
    s.self = a;
    OK(nf_secret_with_read(a, free_and_create_inside_read_cb, &s));
    CHECK(s.nested_rc == NF_OK);
    CHECK(s.copy[0] == 1);
    EXPECT_RC(nf_secret_free(a), NF_E_BAD_HANDLE);
    CHECK(live_pooled() == before);

    pthread_t threads[RECYCLE_THREADS];
    int bad[RECYCLE_THREADS] = {0};
    for (int t = 0; t < RECYCLE_THREADS; t++) pthread_create(&threads[t], NULL, recycle_worker, &bad[t]);
    for (int t = 0; t < RECYCLE_THREADS; t++) {
        pthread_join(threads[t], NULL);
        CHECK(bad[t] == 0);
    }
    CHECK(live_pooled() == before);
}

/* Many threads create, use and free secrets and enclaves at once (the handle table grows and recycles slots under
   contention): every handle reads back its own bytes, and is dead after its free. */
static void *churn(void *arg)
{
    int *bad = arg;
    for (int round = 0; round < 300; round++) {
        nf_handle h[8], e = 0, opened = 0;
        uint8_t tag[16], back[16];
        for (int i = 0; i < 8; i++) {
            memset(tag, (uint8_t)(round * 8 + i), sizeof tag);
            if (nf_secret_from_bytes(tag, sizeof tag, (i & 1) ? NF_SECRET_GUARDED : 0, &h[i]) != NF_OK) (*bad)++;
        }
        if (nf_enclave_seal(h[3], &e) != NF_OK || nf_enclave_open(e, 0, &opened) != NF_OK) (*bad)++;
        for (int i = 0; i < 8; i++) {
            if (nf_secret_read(h[i], back, sizeof back, NULL) != NF_OK || !all(back, 16, (uint8_t)(round * 8 + i))) (*bad)++;
        }
        if (nf_secret_read(opened, back, sizeof back, NULL) != NF_OK || !all(back, 16, (uint8_t)(round * 8 + 3))) (*bad)++;
        for (int i = 0; i < 8; i++) {
            if (nf_secret_free(h[i]) != NF_OK) (*bad)++;
            if (nf_secret_free(h[i]) != NF_E_BAD_HANDLE) (*bad)++;
        }
        if (nf_secret_free(opened) != NF_OK || nf_enclave_free(e) != NF_OK) (*bad)++;
        if (nf_enclave_free(e) != NF_E_BAD_HANDLE) (*bad)++;
    }
    return NULL;
}

static void s_handle_churn(void)
{
    pthread_t threads[4];
    int bad[4] = {0};
    for (int t = 0; t < 4; t++) pthread_create(&threads[t], NULL, churn, &bad[t]);
    for (int t = 0; t < 4; t++) {
        pthread_join(threads[t], NULL);
        CHECK(bad[t] == 0);
    }
}

static void on_purged(int signal, void *context)
{
    char line[64];
    int n = snprintf(line, sizeof line, "purged %d %s\n", signal, (const char *)context);
    if (write(1, line, (size_t)n) < 0) _exit(3);
}

static void child_interrupt(void)
{
    nf_handle g = 0;
    EXPECT_RC(nf_catch_interrupt(on_purged, NULL, NULL), NF_E_NULL);
    OK(nf_catch_interrupt(NULL, NULL, &g)); /* install and uninstall */
    OK(nf_interrupt_free(g));
    EXPECT_RC(nf_interrupt_free(g), NF_E_BAD_HANDLE);
    if (failures) return;
    static char tag[] = "ctx";
    OK(nf_catch_interrupt(on_purged, tag, &g));
    nf_handle h = 0;
    OK(nf_secret_random(32, 0, &h));
    printf("ready\n");
    fflush(stdout);
    raise(SIGTERM);
    sleep(30); /* the guard purges, calls on_purged, then exits by SIGTERM */
    fprintf(stderr, "still alive after SIGTERM\n");
    failures++;
}

static void child_guarded_overflow(void)
{
    nf_handle h = 0;
    OK(nf_secret_new(100, NF_SECRET_GUARDED, &h));
    if (failures) return;
    nf_secret_with_write(h, overflow_write_cb, NULL);
    fprintf(stderr, "the write past the end did not fault\n");
    failures++;
}

static void child_frozen_write(void)
{
    nf_handle h = 0;
    OK(nf_secret_new(4096, NF_SECRET_GUARDED, &h));
    OK(nf_secret_freeze(h));
    if (failures) return;
    nf_secret_with_read(h, write_through_read_cb, NULL);
    fprintf(stderr, "the write to a frozen guarded secret did not fault\n");
    failures++;
}

/* Runs `scenario` in a child process (this program, re-executed) with ASan's SEGV handler off, so a fault kills
   the child by the signal itself; captures its stdout into `out`. Returns the raw wait status, or -1. */
static int run_child(const char *scenario, char *out, size_t out_len)
{
    int fds[2];
    if (pipe(fds) != 0) return -1;
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid < 0) return -1;
    if (pid == 0) {
        dup2(fds[1], 1);
        close(fds[0]);
        close(fds[1]);
        setenv("ASAN_OPTIONS", "detect_leaks=0:handle_segv=0:handle_sigbus=0:allow_user_segv_handler=1", 1);
        char name[64];
        snprintf(name, sizeof name, "%s", scenario);
        char *args[] = {"scenarios", name, NULL};
        execv("/proc/self/exe", args);
        _exit(127);
    }
    close(fds[1]);
    size_t used = 0;
    ssize_t n;
    while ((n = read(fds[0], out + used, out_len - 1 - used)) > 0) used += (size_t)n;
    out[used] = 0;
    close(fds[0]);
    int status = 0;
    if (waitpid(pid, &status, 0) != pid) return -1;
    return status;
}

static void expect_child_signal(const char *scenario, int signal, const char *output)
{
    char out[512];
    int status = run_child(scenario, out, sizeof out);
    if (!(status != -1 && WIFSIGNALED(status) && WTERMSIG(status) == signal)) {
        fprintf(stderr, "%s: expected death by signal %d; wait status %d (exited=%d code=%d signaled=%d sig=%d)\n",
                scenario, signal, status, WIFEXITED(status), WIFEXITED(status) ? WEXITSTATUS(status) : -1,
                WIFSIGNALED(status), WIFSIGNALED(status) ? WTERMSIG(status) : -1);
        failures++;
    }
    if (output && !strstr(out, output)) {
        fprintf(stderr, "%s: child output lacks \"%s\": %s\n", scenario, output, out);
        failures++;
    }
}

static void s_interrupt(void) { expect_child_signal("child_interrupt", SIGTERM, "ready\npurged 15 ctx\n"); }
static void s_death_guarded_overflow(void) { expect_child_signal("child_guarded_overflow", SIGSEGV, NULL); }
static void s_death_frozen_write(void) { expect_child_signal("child_frozen_write", SIGSEGV, NULL); }

typedef struct {
    const char *name;
    void (*run)(void);
} scenario;

static const scenario scenarios[] = {
    {"version", s_version},
    {"strerror", s_strerror},
    {"secret_new", s_secret_new},
    {"secret_random", s_secret_random},
    {"secret_from_bytes", s_secret_from_bytes},
    {"secret_read", s_secret_read},
    {"secret_write", s_secret_write},
    {"secret_callbacks", s_secret_callbacks},
    {"secret_freeze", s_secret_freeze},
    {"secret_equal", s_secret_equal},
    {"secret_protection", s_secret_protection},
    {"handle_double_free", s_handle_double_free},
    {"handle_wrong_type", s_handle_wrong_type},
    {"handle_forged", s_handle_forged},
    {"enclave", s_enclave},
    {"capabilities", s_capabilities},
    {"policy", s_policy},
    {"harden_and_lock", s_harden_and_lock},
    {"purge", s_purge},
    {"purge_from_thread", s_purge_from_thread},
    {"free_while_used", s_free_while_used},
    {"handle_churn", s_handle_churn},
    {"secret_recycle", s_secret_recycle},
    {"interrupt", s_interrupt},
    {"death_guarded_overflow", s_death_guarded_overflow},
    {"death_frozen_write", s_death_frozen_write},
    {"mlkem768", s_mlkem768},
    {"kem", s_kem},
    {"hpke", s_hpke},
    {"argon2", s_argon2},
    {"x25519", s_x25519},
    {"signatures", s_signatures},
    {"mldsa", s_mldsa},
    {"first_call", s_first_call},
    {"mlkem768_peer", s_mlkem768_peer},
    {"vectors", s_vectors},
};

/* Run only as children of the scenarios above (not listed by --list). */
static const scenario children[] = {
    {"child_interrupt", child_interrupt},
    {"child_guarded_overflow", child_guarded_overflow},
    {"child_frozen_write", child_frozen_write},
};

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "--list") == 0) {
        for (size_t i = 0; i < sizeof scenarios / sizeof scenarios[0]; i++) printf("%s\n", scenarios[i].name);
        return 0;
    }
    if (argc != 2) {
        fprintf(stderr, "usage: %s <scenario> | --list\n", argv[0]);
        return 2;
    }
    for (size_t i = 0; i < sizeof scenarios / sizeof scenarios[0] + sizeof children / sizeof children[0]; i++) {
        const scenario *sc = i < sizeof scenarios / sizeof scenarios[0] ? &scenarios[i]
                                                                           : &children[i - sizeof scenarios / sizeof scenarios[0]];
        if (strcmp(argv[1], sc->name) == 0) {
            sc->run();
            if (failures) {
                fprintf(stderr, "%s: %d check(s) failed\n", argv[1], failures);
                return 1;
            }
            printf("%s: ok\n", argv[1]);
            return 0;
        }
    }
    fprintf(stderr, "unknown scenario %s\n", argv[1]);
    return 2;
}
