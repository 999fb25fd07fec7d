/*
 * The interposer workload of bench/run compare: what a web server or sshd does per login when it runs with
 * GSS_USE_PROXY=yes, so that MIT's interposer plugin (proxymech.so) sends the accept to a GSS-Proxy daemon.
 *
 * Each worker (a process with its own connection, or a thread of one process sharing the interposer's connection)
 * acquires an acceptor credential once (a named principal, as `gss-server host@localhost`, or the default one) and
 * an initiator credential from a MEMORY ccache copied once from the user's FILE ccache, then loops:
 *   gss_init_sec_context (local) -> gss_accept_sec_context (through the proxy; the interposer imports the
 *   finished context) -> the initiator reads the AP-REP -> wrap/unwrap both ways and get_mic/verify_mic both
 *   ways between the two contexts -> both contexts deleted.
 * Only the accept is timed. Without --socket the same loop runs with no proxy (the floor: MIT reads the keytab).
 *
 * The parent prints "ready" once every worker has done one whole operation (so the service ticket is fetched
 * before any counting), then "result key=value ..." after the measured window. Daemon CPU comes from
 * /proc/PID/stat of --daemon-pid; worker CPU from the workers' own CPU clocks.
 *
 * Build: gcc -O2 -Wall -o loadgen loadgen.c -lgssapi_krb5 -lkrb5 -lpthread
 */
#define _GNU_SOURCE
#include <errno.h>
#include <gssapi/gssapi.h>
#include <gssapi/gssapi_ext.h>
#include <gssapi/gssapi_krb5.h>
#include <krb5.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_WORKERS 256
#define BUCKETS 100000 /* 1 µs buckets up to 100 ms; slower accepts land in the last one */
#define MAX_CONSECUTIVE_ERRORS 1000
#define MESSAGE "a message from the interposer workload"

struct timeline {
    _Atomic int ready;      /* workers that finished their set-up operation */
    _Atomic int failed;     /* workers that could not set up */
    _Atomic int go;         /* set by the parent once the times below are valid */
    double warm_end;        /* CLOCK_MONOTONIC seconds */
    double end;
};

struct worker_result {
    uint64_t ops;
    uint64_t errors;
    double finished;        /* when its last counted operation ended */
    double cpu_at_window;   /* its CPU clock when the window began (seconds) */
    double cpu_at_end;
    char error[256];        /* the first error, for the report */
    uint32_t hist[BUCKETS];
};

struct options {
    const char *socket;     /* NULL: the floor */
    const char *acceptor;   /* "default" or a host-based service name */
    const char *target;
    const char *ccache;
    int workers;
    int threads;
    double warmup;
    double duration;
    long daemon_pid;
};

static struct options opt = {NULL, "default", "host@localhost", NULL, 4, 0, 2, 5, 0};
static struct timeline *tl;
static struct worker_result *results;

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static double cpu_now(void) {
    struct timespec ts;
    clock_gettime(opt.threads ? CLOCK_THREAD_CPUTIME_ID : CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* user+system ticks of a process from /proc/PID/stat, or -1 */
static long long proc_ticks(long pid) {
    char path[64], buf[4096];
    snprintf(path, sizeof path, "/proc/%ld/stat", pid);
    FILE *f = fopen(path, "r");
    if (!f) return -1;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = 0;
    char *p = strrchr(buf, ')'); /* the command name may hold spaces */
    if (!p) return -1;
    unsigned long long utime, stime;
    if (sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &utime, &stime) != 2) return -1;
    return (long long)(utime + stime);
}

static void status_text(OM_uint32 major, OM_uint32 minor, const char *step, char *out, size_t len) {
    OM_uint32 min, ctx = 0;
    gss_buffer_desc text = GSS_C_EMPTY_BUFFER, mtext = GSS_C_EMPTY_BUFFER;
    gss_display_status(&min, major, GSS_C_GSS_CODE, GSS_C_NO_OID, &ctx, &text);
    ctx = 0;
    gss_display_status(&min, minor, GSS_C_MECH_CODE, GSS_C_NO_OID, &ctx, &mtext);
    snprintf(out, len, "%s: %.*s (%.*s)", step, (int)text.length, (char *)text.value, (int)mtext.length,
             (char *)mtext.value);
    gss_release_buffer(&min, &text);
    gss_release_buffer(&min, &mtext);
}

/* Copies the user's FILE ccache (TGT) into MEMORY:name once, so that the loop reads no file. */
static int copy_ccache(const char *name, char *err, size_t len) {
    krb5_context kctx;
    krb5_ccache from = NULL, to = NULL;
    krb5_principal client = NULL;
    krb5_error_code ret = krb5_init_context(&kctx);
    if (ret) { snprintf(err, len, "krb5_init_context failed: %d", ret); return -1; }
    if (!(ret = krb5_cc_resolve(kctx, opt.ccache, &from)) && !(ret = krb5_cc_resolve(kctx, name, &to))
        && !(ret = krb5_cc_get_principal(kctx, from, &client)) && !(ret = krb5_cc_initialize(kctx, to, client))) {
        ret = krb5_cc_copy_creds(kctx, from, to);
    }
    if (ret) {
        const char *m = krb5_get_error_message(kctx, ret);
        snprintf(err, len, "copying %s to %s: %s", opt.ccache, name, m);
        krb5_free_error_message(kctx, m);
    }
    if (client) krb5_free_principal(kctx, client);
    if (from) krb5_cc_close(kctx, from);
    /* the MEMORY ccache lives as long as the process, also after this handle closes */
    if (to) krb5_cc_close(kctx, to);
    krb5_free_context(kctx);
    return ret ? -1 : 0;
}

struct session {
    gss_cred_id_t acceptor, initiator;
    gss_name_t target;
};

static int open_session(int id, struct session *s, char *err, size_t len) {
    OM_uint32 major, minor;
    char ccache[64];
    snprintf(ccache, sizeof ccache, "MEMORY:bench-%d", id);
    if (copy_ccache(ccache, err, len)) return -1;
    gss_key_value_element_desc element = {"ccache", ccache};
    gss_key_value_set_desc store = {1, &element};
    major = gss_acquire_cred_from(&minor, GSS_C_NO_NAME, GSS_C_INDEFINITE, GSS_C_NO_OID_SET, GSS_C_INITIATE,
                                  &store, &s->initiator, NULL, NULL);
    if (GSS_ERROR(major)) { status_text(major, minor, "initiator gss_acquire_cred_from", err, len); return -1; }
    gss_buffer_desc target = {strlen(opt.target), (void *)opt.target};
    major = gss_import_name(&minor, &target, GSS_C_NT_HOSTBASED_SERVICE, &s->target);
    if (GSS_ERROR(major)) { status_text(major, minor, "gss_import_name", err, len); return -1; }
    gss_name_t acceptor_name = GSS_C_NO_NAME;
    if (strcmp(opt.acceptor, "default") != 0) {
        gss_buffer_desc name = {strlen(opt.acceptor), (void *)opt.acceptor};
        major = gss_import_name(&minor, &name, GSS_C_NT_HOSTBASED_SERVICE, &acceptor_name);
        if (GSS_ERROR(major)) { status_text(major, minor, "gss_import_name (acceptor)", err, len); return -1; }
    }
    /* N processes connect at once; upstream gssproxy listens with a backlog of 10, so some connects of a large
     * start-up stampede fail (EAGAIN) and the interposer reports a GSS failure: retry the set-up a few times. */
    for (int attempt = 0; attempt < 20; attempt++) {
        major = gss_acquire_cred(&minor, acceptor_name, GSS_C_INDEFINITE, GSS_C_NO_OID_SET, GSS_C_ACCEPT,
                                 &s->acceptor, NULL, NULL);
        if (!GSS_ERROR(major)) break;
        struct timespec pause = {0, 20 * 1000 * 1000L * (attempt + 1)};
        nanosleep(&pause, NULL);
    }
    if (acceptor_name != GSS_C_NO_NAME) gss_release_name(&minor, &acceptor_name);
    if (GSS_ERROR(major)) { status_text(major, minor, "acceptor gss_acquire_cred", err, len); return -1; }
    return 0;
}

#define CHECK(call, step) do { major = (call); if (GSS_ERROR(major)) { \
    status_text(major, minor, step, err, len); goto done; } } while (0)

/* One login; returns the accept's duration in seconds, or -1 with err set. */
static double operation(struct session *s, char *err, size_t len) {
    OM_uint32 major, minor, min;
    gss_ctx_id_t ictx = GSS_C_NO_CONTEXT, actx = GSS_C_NO_CONTEXT;
    gss_buffer_desc aprq = GSS_C_EMPTY_BUFFER, aprp = GSS_C_EMPTY_BUFFER, none = GSS_C_EMPTY_BUFFER;
    gss_buffer_desc msg = {sizeof MESSAGE - 1, MESSAGE};
    gss_buffer_desc sealed = GSS_C_EMPTY_BUFFER, opened = GSS_C_EMPTY_BUFFER, mic = GSS_C_EMPTY_BUFFER;
    double took = -1;
    OM_uint32 flags = GSS_C_MUTUAL_FLAG | GSS_C_CONF_FLAG | GSS_C_INTEG_FLAG | GSS_C_SEQUENCE_FLAG
                      | GSS_C_REPLAY_FLAG;
    CHECK(gss_init_sec_context(&minor, s->initiator, &ictx, s->target, (gss_OID)gss_mech_krb5, flags, 0,
                               GSS_C_NO_CHANNEL_BINDINGS, &none, NULL, &aprq, NULL, NULL), "gss_init_sec_context");
    double t0 = now();
    CHECK(gss_accept_sec_context(&minor, &actx, s->acceptor, &aprq, GSS_C_NO_CHANNEL_BINDINGS, NULL, NULL, &aprp,
                                 NULL, NULL, NULL), "gss_accept_sec_context");
    double accepted = now() - t0;
    if (major != GSS_S_COMPLETE) { snprintf(err, len, "gss_accept_sec_context: not complete after one leg"); goto done; }
    CHECK(gss_init_sec_context(&minor, s->initiator, &ictx, s->target, (gss_OID)gss_mech_krb5, flags, 0,
                               GSS_C_NO_CHANNEL_BINDINGS, &aprp, NULL, &none, NULL, NULL),
          "gss_init_sec_context (AP-REP)");
    gss_ctx_id_t order[2][2] = {{actx, ictx}, {ictx, actx}};
    for (int i = 0; i < 2; i++) {
        CHECK(gss_wrap(&minor, order[i][0], 1, GSS_C_QOP_DEFAULT, &msg, NULL, &sealed), "gss_wrap");
        CHECK(gss_unwrap(&minor, order[i][1], &sealed, &opened, NULL, NULL), "gss_unwrap");
        if (opened.length != msg.length || memcmp(opened.value, msg.value, msg.length) != 0) {
            snprintf(err, len, "gss_unwrap: the message came back different");
            goto done;
        }
        gss_release_buffer(&min, &sealed);
        gss_release_buffer(&min, &opened);
        CHECK(gss_get_mic(&minor, order[i][0], GSS_C_QOP_DEFAULT, &msg, &mic), "gss_get_mic");
        CHECK(gss_verify_mic(&minor, order[i][1], &msg, &mic, NULL), "gss_verify_mic");
        gss_release_buffer(&min, &mic);
    }
    took = accepted;
done:
    gss_release_buffer(&min, &aprq);
    gss_release_buffer(&min, &aprp);
    gss_release_buffer(&min, &sealed);
    gss_release_buffer(&min, &opened);
    gss_release_buffer(&min, &mic);
    if (ictx != GSS_C_NO_CONTEXT) gss_delete_sec_context(&min, &ictx, GSS_C_NO_BUFFER);
    if (actx != GSS_C_NO_CONTEXT) gss_delete_sec_context(&min, &actx, GSS_C_NO_BUFFER);
    return took;
}

static void *worker(void *arg) {
    int id = (int)(intptr_t)arg;
    struct worker_result *r = &results[id];
    struct session s = {GSS_C_NO_CREDENTIAL, GSS_C_NO_CREDENTIAL, GSS_C_NO_NAME};
    /* set-up: credentials, then one whole operation (fetches the service ticket before anything counts) */
    if (open_session(id, &s, r->error, sizeof r->error) || operation(&s, r->error, sizeof r->error) < 0) {
        atomic_fetch_add(&tl->failed, 1);
        return NULL;
    }
    atomic_fetch_add(&tl->ready, 1);
    while (!atomic_load(&tl->go)) usleep(1000);
    int consecutive = 0, counting = 0;
    char err[256];
    for (double start = now(); start < tl->end; start = now()) {
        if (!counting && start >= tl->warm_end) {
            counting = 1;
            r->cpu_at_window = cpu_now();
        }
        double took = operation(&s, err, sizeof err);
        if (took < 0) {
            if (counting) r->errors++;
            if (!r->error[0]) memcpy(r->error, err, sizeof err);
            if (++consecutive >= MAX_CONSECUTIVE_ERRORS) break;
            continue;
        }
        consecutive = 0;
        if (counting) {
            r->ops++;
            long us = (long)(took * 1e6);
            r->hist[us < BUCKETS ? us : BUCKETS - 1]++;
            r->finished = now();
        }
    }
    r->cpu_at_end = cpu_now();
    return NULL;
}

static double percentile(const uint64_t *hist, uint64_t total, double p) {
    if (total == 0) return -1;
    /* nearest rank, as the Java generator's Latencies: the sample at rank ceil(p * n) */
    uint64_t rank = (uint64_t)(p * total), seen = 0;
    if (rank < p * total || rank == 0) rank++;
    for (int i = 0; i < BUCKETS; i++) {
        seen += hist[i];
        if (seen >= rank) return i + 0.5;
    }
    return BUCKETS;
}

static void usage(void) {
    fprintf(stderr, "usage: loadgen [--socket PATH] --ccache FILE:PATH [--workers N] [--threads] "
                    "[--acceptor default|SERVICE@HOST] [--target SERVICE@HOST] [--warmup S] [--duration S] "
                    "[--daemon-pid PID]\n");
    exit(2);
}

static void parse(int argc, char **argv) {
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--threads")) { opt.threads = 1; continue; }
        if (!v) usage();
        if (!strcmp(a, "--socket")) opt.socket = v;
        else if (!strcmp(a, "--ccache")) opt.ccache = v;
        else if (!strcmp(a, "--workers")) opt.workers = atoi(v);
        else if (!strcmp(a, "--acceptor")) opt.acceptor = v;
        else if (!strcmp(a, "--target")) opt.target = v;
        else if (!strcmp(a, "--warmup")) opt.warmup = atof(v);
        else if (!strcmp(a, "--duration")) opt.duration = atof(v);
        else if (!strcmp(a, "--daemon-pid")) opt.daemon_pid = atol(v);
        else usage();
        i++;
    }
    if (!opt.ccache || opt.workers < 1 || opt.workers > MAX_WORKERS || opt.duration <= 0 || opt.warmup < 0) usage();
}

int main(int argc, char **argv) {
    parse(argc, argv);
    if (opt.socket) {
        setenv("GSS_USE_PROXY", "yes", 1);
        setenv("GSSPROXY_SOCKET", opt.socket, 1);
        /* the interposer's default: the proxy first, the local mechanism when the proxy has no credential
           (the initiator's, which lives in this process's MEMORY ccache) */
        setenv("GSSPROXY_BEHAVIOR", "REMOTE_FIRST", 1);
    } else {
        unsetenv("GSS_USE_PROXY");
    }
    size_t size = sizeof(struct timeline) + (size_t)opt.workers * sizeof(struct worker_result);
    void *shared = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (shared == MAP_FAILED) { perror("mmap"); return 1; }
    tl = shared;
    results = (struct worker_result *)((char *)shared + sizeof(struct timeline));

    pthread_t threads[MAX_WORKERS];
    pid_t pids[MAX_WORKERS];
    for (int i = 0; i < opt.workers; i++) {
        if (opt.threads) {
            pthread_create(&threads[i], NULL, worker, (void *)(intptr_t)i);
        } else if ((pids[i] = fork()) == 0) {
            worker((void *)(intptr_t)i);
            _exit(0);
        } else if (pids[i] < 0) {
            perror("fork");
            return 1;
        }
    }
    while (atomic_load(&tl->ready) + atomic_load(&tl->failed) < opt.workers) usleep(2000);
    if (atomic_load(&tl->failed) > 0) {
        for (int i = 0; i < opt.workers; i++) {
            if (results[i].error[0]) { fprintf(stderr, "loadgen: worker %d: %s\n", i, results[i].error); break; }
        }
        tl->warm_end = tl->end = 0;
        atomic_store(&tl->go, 1);
        if (!opt.threads) for (int i = 0; i < opt.workers; i++) waitpid(pids[i], NULL, 0);
        return 1;
    }
    printf("ready\n");
    fflush(stdout);
    double start = now();
    tl->warm_end = start + opt.warmup;
    tl->end = tl->warm_end + opt.duration;
    atomic_store(&tl->go, 1);
    struct timespec until = {(time_t)opt.warmup, (long)((opt.warmup - (time_t)opt.warmup) * 1e9)};
    while (nanosleep(&until, &until) && errno == EINTR) {}
    long long daemon0 = opt.daemon_pid ? proc_ticks(opt.daemon_pid) : -1;
    for (int i = 0; i < opt.workers; i++) {
        if (opt.threads) pthread_join(threads[i], NULL); else waitpid(pids[i], NULL, 0);
    }
    long long daemon1 = opt.daemon_pid ? proc_ticks(opt.daemon_pid) : -1;

    static uint64_t hist[BUCKETS];
    uint64_t ops = 0, errors = 0;
    double finished = tl->warm_end, worker_cpu = 0;
    const char *first_error = "";
    for (int i = 0; i < opt.workers; i++) {
        struct worker_result *r = &results[i];
        ops += r->ops;
        errors += r->errors;
        if (r->finished > finished) finished = r->finished;
        if (r->cpu_at_window > 0) worker_cpu += r->cpu_at_end - r->cpu_at_window;
        if (!*first_error && r->error[0]) first_error = r->error;
        for (int b = 0; b < BUCKETS; b++) hist[b] += r->hist[b];
    }
    double window = finished - tl->warm_end;
    double mean = 0;
    for (int b = 0; b < BUCKETS; b++) mean += hist[b] * (b + 0.5);
    mean = ops ? mean / ops : -1;
    double tick = (double)sysconf(_SC_CLK_TCK);
    double daemon_cpu_us = daemon0 >= 0 && daemon1 >= 0 && ops ? (daemon1 - daemon0) / tick * 1e6 / ops : -1;
    printf("result ops=%llu errors=%llu window=%.6f mean_us=%.1f p50_us=%.1f p99_us=%.1f p999_us=%.1f "
           "daemon_cpu_us=%.1f worker_cpu_us=%.1f\n",
           (unsigned long long)ops, (unsigned long long)errors, window, mean, percentile(hist, ops, 0.50),
           percentile(hist, ops, 0.99), percentile(hist, ops, 0.999), daemon_cpu_us,
           ops ? worker_cpu * 1e6 / ops : -1.0);
    if (*first_error) printf("error %s\n", first_error);
    return 0;
}
