// The elements of a vector<V> gathered while it is decoded, in a buffer rented from ArrayPool: the structure that
// keeps them copies Span once into an array of the exact size, so decoding leaves no temporary list or resized
// array behind (docs/mls.md, "The codec contract": allocation is what the decoded structures keep, nothing more).
// Dispose returns the buffer, cleared when T holds references so the pool keeps no decoded object alive.
using System.Buffers;
using System.Runtime.CompilerServices;

namespace NoFuture.Mls.Codec;

internal ref struct PooledVector<T>
{
    private T[]? _buffer;
    private int _count;

    /// <summary>The elements added so far (valid until the next <see cref="Add"/> or <see cref="Dispose"/>).</summary>
    internal readonly ReadOnlySpan<T> Span => _buffer is null ? default : new ReadOnlySpan<T>(_buffer, 0, _count);

    internal void Add(T item)
    {
        if (_buffer is null) _buffer = ArrayPool<T>.Shared.Rent(16);
        else if (_count == _buffer.Length) Grow();
        _buffer[_count++] = item;
    }

    public void Dispose()
    {
        if (_buffer is null) return;
        ArrayPool<T>.Shared.Return(_buffer, clearArray: RuntimeHelpers.IsReferenceOrContainsReferences<T>());
        _buffer = null;
        _count = 0;
    }

    private void Grow()
    {
        T[] larger = ArrayPool<T>.Shared.Rent(_buffer!.Length * 2);
        _buffer.AsSpan(0, _count).CopyTo(larger);
        ArrayPool<T>.Shared.Return(_buffer, clearArray: RuntimeHelpers.IsReferenceOrContainsReferences<T>());
        _buffer = larger;
    }
}
