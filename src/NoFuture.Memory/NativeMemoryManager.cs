// Lets async APIs (Stream.ReadAsync) write straight into secret memory. The owner keeps the secret leased
// for the manager's lifetime.
using System.Buffers;

namespace NoFuture.Memory;

internal sealed unsafe class NativeMemoryManager(byte* pointer, int length) : MemoryManager<byte>
{
    // SAFETY: the caller holds a write lease on the secret that owns [pointer, pointer + length) for as long as
    // this manager (and any Memory<byte> taken from it) is used.
    public override Span<byte> GetSpan() => new(pointer, length);

    public override MemoryHandle Pin(int elementIndex = 0) => new(pointer + elementIndex);

    public override void Unpin() { }

    protected override void Dispose(bool disposing) { }
}
