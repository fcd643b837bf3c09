// `nofuture doctor`: what this machine grants for secret memory, a live probe, and a verdict.
using System.Globalization;
using NoFuture.Cli.Json;

namespace NoFuture.Cli.Commands;

internal static class DoctorCommand
{
    internal const string Usage = """
        Usage: nofuture doctor [--json]

        Reports what this machine grants NoFuture.Memory for secret memory: page size, the memlock
        budget (the RLIMIT_MEMLOCK soft limit rounded down to pages; unlimited with CAP_IPC_LOCK) and
        how many pooled 32-byte secrets it holds, dump exclusion, fork protection, guard pages,
        memfd_secret and, on Linux, vm.max_map_count. Then it allocates one pooled and one guarded
        32-byte secret under the BestEffort policy, prints the protections each actually got, and
        frees them. The last line says whether the Strict policy can hold here, and if not, why.

        Options:
          --json       Print one JSON object instead: camelCase names, enums as strings, and null
                       for a size that is unlimited (memlockLimitBytes, lockBudgetBytes,
                       lockableBytesRemaining, pooledSecretsInBudget) or unknown (maxMapCount,
                       mapCount).
          -h, --help   Show this help.

        Exit codes:
          0  the Strict policy can hold here
          1  the Strict policy cannot hold here (the verdict says why)
          2  unknown option or argument
        """;

    internal static int Run(ReadOnlySpan<string> args, TextWriter output, TextWriter error)
    {
        bool json = false;
        foreach (string arg in args)
        {
            switch (arg)
            {
                case "--json":
                    json = true;
                    break;
                case "-h" or "--help":
                    output.WriteLine(Usage);
                    return ExitCodes.Ok;
                default:
                    return Program.UsageError(error, arg.StartsWith('-')
                        ? $"unknown option '{arg}' for 'doctor'."
                        : $"unexpected argument '{arg}' for 'doctor'.", "nofuture doctor --help");
            }
        }

        DoctorReport report = DoctorProbe.Collect();
        if (json) CliJsonContext.Write(output, report, CliJsonContext.Default.DoctorReport);
        else WriteText(report, output);
        return report.StrictPolicyCanHold ? ExitCodes.Ok : ExitCodes.StrictCannotHold;
    }

    private static void WriteText(DoctorReport r, TextWriter o)
    {
        IFormatProvider inv = CultureInfo.InvariantCulture;
        o.WriteLine("nofuture doctor: secret memory on this machine");
        Line(o, "platform", r.Platform);
        Line(o, "page size", string.Create(inv, $"{r.PageSize:N0} bytes"));
        Line(o, "memlock limit", r.MemlockLimitBytes is long limit
            ? (limit < 1024 ? ByteUnits.Format(limit) : string.Create(inv, $"{ByteUnits.Format(limit)} = {limit:N0} bytes")) + " (soft limit, page-rounded)"
            : "unlimited");
        Line(o, "CAP_IPC_LOCK", r.CanLockBeyondLimit ? "yes: may lock beyond the limit" : "no");
        Line(o, "lock budget", r.LockBudgetBytes is long budget
            ? string.Create(inv, $"{ByteUnits.Format(budget)} = {budget / r.PageSize:N0} pages: about {r.PooledSecretsInBudget:N0} pooled 32-byte secrets ({r.PooledSecretsPerPage} per page)")
            : string.Create(inv, $"unlimited ({r.PooledSecretsPerPage} pooled 32-byte secrets per page)"));
        Line(o, "locked now", string.Create(inv, $"{ByteUnits.Format(r.LockedBytes)}, remaining {(r.LockableBytesRemaining is long rem ? ByteUnits.Format(rem) : "unlimited")}"));
        Line(o, "dump exclusion", r.DontDump ? "yes (MADV_DONTDUMP)" : "no");
        Line(o, "fork protection", r.ForkProtection.ToString());
        Line(o, "guard pages", r.GuardMechanism.ToString());
        Line(o, "memfd_secret", r.MemfdSecret ? "yes" : "no");
        Line(o, "policy", r.Policy.ToString());
        if (r.MaxMapCount is not null || r.MapCount is not null)
            Line(o, "vm.max_map_count", string.Create(inv,
                $"{(r.MaxMapCount is long max ? max.ToString("N0", inv) : "unknown")} ({(r.MapCount is long n ? n.ToString("N0", inv) : "unknown")} mappings in use)"));
        Line(o, "live secrets", string.Create(inv,
            $"pooled {r.LivePooledSecrets:N0}, guarded {r.LiveGuardedSecrets:N0}, pooled slots {r.PooledSlots:N0}, refusals {r.Refusals:N0}"));

        o.WriteLine();
        o.WriteLine(string.Create(inv, $"probe: {DoctorProbe.ProbeLength}-byte secrets under the BestEffort policy"));
        foreach (ProbeResult p in r.Probe)
        {
            string label = p.Tier.ToString().ToLowerInvariant();
            Line(o, label, p.Error is null ? string.Join(", ", p.Protection) : "failed: " + p.Error);
            foreach (Refusal x in p.Refused)
            {
                string available = x.AvailableBytes is long a ? ByteUnits.Format(a) + " left under the limit" : "limit unknown";
                string os = x.ErrorCode == 0 ? "" : string.Create(inv, $", OS error {x.ErrorCode}");
                Line(o, "", $"refused {x.Protection}: {ByteUnits.Format(x.RequestedBytes)} requested, {available}{os}");
            }
        }

        o.WriteLine();
        o.WriteLine("verdict: " + r.Verdict);
    }

    private static void Line(TextWriter o, string label, string value) => o.WriteLine($"  {label,-18}{value}");
}
