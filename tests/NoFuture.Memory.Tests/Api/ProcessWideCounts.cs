namespace NoFuture.Memory.Tests.Api;

/// <summary>Tests that read process-wide counters run in this collection, alone: no other test allocates meanwhile.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public class ProcessWideCounts
{
    public const string Name = "Process-wide counts";
}
