// The Memory tests' child process: tests/NoFuture.Memory.Probe (see tests/Shared/ChildProbe.cs).
global using ProbeResult = NoFuture.Tests.Shared.ProbeResult;

using NoFuture.Tests.Shared;

namespace NoFuture.Memory.Tests.Support;

internal static class Probe
{
    private const string Name = "NoFuture.Memory.Probe";

    internal static string DllPath => ChildProbe.DllPath(Name);

    internal static bool IsRoot => ChildProbe.IsRoot;

    internal static ProbeResult Run(string arguments, int timeoutSeconds = 120, IDictionary<string, string>? environment = null)
        => ChildProbe.Run(Name, arguments, timeoutSeconds, environment);

    internal static ProbeResult RunUnprivileged(string arguments, long memlockBytes, int timeoutSeconds = 180)
        => ChildProbe.RunUnprivileged(Name, arguments, memlockBytes, timeoutSeconds);

    internal static System.Diagnostics.Process StartInteractive(string arguments) => ChildProbe.StartInteractive(Name, arguments);
}
