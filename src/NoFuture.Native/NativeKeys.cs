// Handle-table helpers shared by the key exports: publish a new key (disposing it when no handle can be made),
// look one up, free one.
namespace NoFuture.Native;

internal static unsafe class NativeKeys
{
    internal static int Publish(IDisposable key, HandleKind kind, ulong* outKey)
    {
        int status = HandleTable.Add(key, kind, out ulong handle);
        if (status != NativeStatus.Ok)
        {
            key.Dispose();
            return status;
        }
        *outKey = handle;
        return NativeStatus.Ok;
    }

    internal static int Lookup<T>(ulong handle, HandleKind kind, out T? key) where T : class
    {
        try
        {
            return HandleTable.Get(handle, kind, out key);
        }
        catch (Exception e)
        {
            key = null;
            return StatusMap.From(e);
        }
    }

    internal static int Free<T>(ulong handle, HandleKind kind) where T : class, IDisposable
    {
        if (handle == 0) return NativeStatus.Ok;
        try
        {
            int status = HandleTable.Remove(handle, kind, out T? key);
            if (status == NativeStatus.Ok) key!.Dispose();
            return status;
        }
        catch (Exception e)
        {
            return StatusMap.From(e);
        }
    }
}
