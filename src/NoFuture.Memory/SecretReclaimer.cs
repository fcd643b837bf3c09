// The finalizer of a Secret, kept in an object of its own so that a secret whose owner guarantees Dispose (the C
// ABI's handle table) is not finalizable: allocating a finalizable object takes the allocator's slow path and
// registers it for finalization, and disposing it suppresses that again, a third of nf_secret_new + nf_secret_free
// (bench/RESULTS.md, "C ABI"). The secret holds its reclaimer and the reclaimer its secret, so both become
// unreachable together; the reclaimer's finalizer then frees (wipes) the secret, which the finalization queue keeps
// alive until it has run. Dispose suppresses the reclaimer's finalizer.
namespace NoFuture.Memory;

internal sealed class SecretReclaimer(Secret secret)
{
    /// <summary>Frees the memory of a secret that was not disposed (wiping it).</summary>
    ~SecretReclaimer() => secret.FreeOnce();

    /// <summary>The secret was disposed: nothing is left for the finalizer.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA1816",
        Justification = "The reclaimer is Secret's finalizer; Secret.Dispose calls this on its behalf.")]
    internal void Cancel() => GC.SuppressFinalize(this);
}
