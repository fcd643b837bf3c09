// The identity of one open lease, shared by every copy of it.
// A lease is a ref struct, so C# lets a caller copy it (`var c = lease;`), and each copy used to release the
// secret again: the reference count went wrong and the memory could be freed under another open lease. Every
// copy of a lease holds the same ticket and the generation it was issued at; the first Dispose of any copy
// retires the ticket (the generation moves on), so the other copies' Dispose does nothing and their Span throws.
// A ref struct never leaves the stack of the thread that made it, so all copies of a lease are used by one
// thread: the ticket needs no atomic operations, and retired tickets are pooled per thread (no allocation per
// lease once a thread has its tickets).
namespace NoFuture.Memory;

internal sealed class LeaseTicket
{
    [ThreadStatic] private static LeaseTicket? t_free;

    private LeaseTicket? _next;

    /// <summary>Moves on each time the ticket is retired; a lease is live while its copy matches.</summary>
    internal ulong Generation { get; private set; }

    /// <summary>A ticket for a new lease, from this thread's pool.</summary>
    internal static LeaseTicket Issue()
    {
        LeaseTicket? ticket = t_free;
        if (ticket is null) return new LeaseTicket();
        t_free = ticket._next;
        ticket._next = null;
        return ticket;
    }

    /// <summary>
    /// Ends the lease issued at <paramref name="generation"/>: true the first time (the caller then releases the
    /// secret), false for every later call from another copy of the same lease.
    /// </summary>
    internal bool TryRetire(ulong generation)
    {
        if (Generation != generation) return false;
        Generation = generation + 1;
        _next = t_free;
        t_free = this;
        return true;
    }
}
