// Goal: ≥ 5 GB/s through a lease, 64 KiB per operation, each direction measured on its own. The peer is a plain
// Span.CopyTo between two 64 KiB native buffers (memcpy). Opening and closing the lease is part of every
// operation. 64 KiB is above Secret.MaxPooledLength, so the secret is in the guarded tier (the default there).
// The native buffers are 64-byte aligned: NativeMemory.Alloc (malloc) returned blocks 32 and 48 bytes off a
// cache line here, which slowed the memcpy peer by about 40% and would have flattered the lease figures.
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using NoFuture.Memory;

namespace NoFuture.Benchmarks;

/// <summary>64 KiB into a secret through <c>OpenWrite</c> and out through <c>OpenRead</c>, against memcpy.</summary>
[Config(typeof(Config))]
[MemoryDiagnoser]
public unsafe class LeaseThroughputBenchmarks
{
    /// <summary>Bytes moved per operation.</summary>
    public const int Size = 64 * 1024;

    private const int CacheLine = 64;

    private byte* _source;
    private byte* _destination;
    private Secret? _secret;

    /// <summary>Adds the GB/s columns to the suite's configuration.</summary>
    public sealed class Config : ManualConfig
    {
        /// <summary>Creates the configuration.</summary>
        public Config()
        {
            Add(new BenchConfig());
            AddColumn(new GigabytesPerSecondColumn(Size, useMedian: false), new GigabytesPerSecondColumn(Size, useMedian: true));
        }
    }

    /// <summary>Maps the buffers and the secret and touches every page once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _source = (byte*)NativeMemory.AlignedAlloc(Size, CacheLine);
        _destination = (byte*)NativeMemory.AlignedAlloc(Size, CacheLine);
        // SAFETY: both blocks were just allocated with Size bytes and are freed only in Cleanup.
        Random.Shared.NextBytes(new Span<byte>(_source, Size));
        new Span<byte>(_destination, Size).Clear();
        _secret = Secret.Allocate(Size);
    }

    /// <summary>Frees the buffers and the secret.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _secret?.Dispose();
        NativeMemory.AlignedFree(_source);
        NativeMemory.AlignedFree(_destination);
    }

    /// <summary>The peer: memcpy between two native buffers.</summary>
    [Benchmark(Baseline = true)]
    public void Memcpy() =>
        // SAFETY: both blocks hold Size bytes until Cleanup.
        new ReadOnlySpan<byte>(_source, Size).CopyTo(new Span<byte>(_destination, Size));

    /// <summary>Into the secret: open a write lease, copy 64 KiB in, close it.</summary>
    [Benchmark]
    public void WriteThroughLease()
    {
        using SecretWriteLease lease = _secret!.OpenWrite();
        // SAFETY: _source holds Size bytes until Cleanup.
        new ReadOnlySpan<byte>(_source, Size).CopyTo(lease.Span);
    }

    /// <summary>Out of the secret: open a read lease, copy 64 KiB out, close it.</summary>
    [Benchmark]
    public void ReadThroughLease()
    {
        using SecretReadLease lease = _secret!.OpenRead();
        // SAFETY: _destination holds Size bytes until Cleanup.
        lease.Span.CopyTo(new Span<byte>(_destination, Size));
    }
}
