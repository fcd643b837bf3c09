// The live counts are process-wide, so a test that compares them before and after must not run beside tests that
// allocate: this class runs alone, after the parallel ones (see ProcessWideCounts).
namespace NoFuture.Memory.Tests.Api;

[Collection(ProcessWideCounts.Name)]
public class FinalizerTests
{
    [Fact]
    public void FinalizerReturnsForgottenSecrets()
    {
        long before = SecureMemory.Capabilities.LiveGuardedSecrets;
        Forget();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        Assert.True(SecureMemory.Capabilities.LiveGuardedSecrets <= before);

        static void Forget()
        {
            for (int i = 0; i < 10; i++) Secret.Allocate(8000);
        }
    }
}
