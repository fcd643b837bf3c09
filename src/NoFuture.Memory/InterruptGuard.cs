// SIGINT/SIGTERM/SIGHUP/SIGQUIT → purge → callback → die by the same signal.
using System.Runtime.InteropServices;
using NoFuture.Memory.Interop;

namespace NoFuture.Memory;

internal sealed class InterruptGuard : IDisposable
{
    private static readonly PosixSignal[] s_signals = [PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP, PosixSignal.SIGQUIT];
    private readonly PosixSignalRegistration[] _registrations;
    private readonly Action<PosixSignal>? _onPurged;

    internal InterruptGuard(Action<PosixSignal>? onPurged)
    {
        _onPurged = onPurged;
        _registrations = [.. s_signals.Where(IsSupported).Select(s => PosixSignalRegistration.Create(s, Handle))];
    }

    public void Dispose()
    {
        foreach (PosixSignalRegistration registration in _registrations) registration.Dispose();
    }

    private static bool IsSupported(PosixSignal signal) =>
        !OperatingSystem.IsWindows() || signal is PosixSignal.SIGINT or PosixSignal.SIGQUIT or PosixSignal.SIGTERM or PosixSignal.SIGHUP;

    private void Handle(PosixSignalContext context)
    {
        SecureMemory.Purge();
        try { _onPurged?.Invoke(context.Signal); }
        catch (Exception) { /* the purge is what matters; never let a callback stop the exit */ }
        int number = SignalNumber(context.Signal);
        if (OperatingSystem.IsLinux())
        {
            // Restore the default action and re-raise, so the process dies *by* the signal (WIFSIGNALED).
            LibCLinux.Signal(number, 0);
            LibCLinux.Kill(LibCLinux.Getpid(), number);
        }
        context.Cancel = true;
        Environment.Exit(128 + number);
    }

    private static int SignalNumber(PosixSignal signal) => signal switch
    {
        PosixSignal.SIGHUP => 1,
        PosixSignal.SIGINT => 2,
        PosixSignal.SIGQUIT => 3,
        _ => 15,
    };
}
