using System.Runtime.InteropServices;
using DuckDB.NET.Data;
using DuckDB.NET.Native;
using TableFunction = DuckDB.NET.Native.NativeMethods.TableFunction;

namespace NetWatch.Storage.Events;

/// <summary>
/// Registers a table function through DuckDB's C API on a connection (<see cref="TableRowsFunction"/>,
/// <see cref="BatchIdsFunction"/>): its name, its callbacks, and the managed object they reach through the function's
/// extra info, a <see cref="GCHandle"/> that <c>dropped</c> frees when DuckDB drops the function with its database.
/// </summary>
internal static unsafe class NativeTableFunction
{
    /// <param name="localInit">Each thread's state (a function several threads may run); null: none.</param>
    public static void Register(DuckDBConnection connection, string name, object target,
        delegate* unmanaged[Cdecl]<nint, void> bind, delegate* unmanaged[Cdecl]<nint, void> init,
        delegate* unmanaged[Cdecl]<nint, nint, void> fill, delegate* unmanaged[Cdecl]<nint, void> dropped,
        delegate* unmanaged[Cdecl]<nint, void> localInit = null)
    {
        var handle = GCHandle.Alloc(target);
        var function = TableFunction.DuckDBCreateTableFunction();
        try
        {
            TableFunction.DuckDBTableFunctionSetName(function, name);
            TableFunction.DuckDBTableFunctionSetExtraInfo(function, GCHandle.ToIntPtr(handle), dropped);
            TableFunction.DuckDBTableFunctionSetBind(function, bind);
            TableFunction.DuckDBTableFunctionSetInit(function, init);
            if (localInit != null) duckdb_table_function_set_local_init(function, localInit);
            TableFunction.DuckDBTableFunctionSetFunction(function, fill);
            if (!TableFunction.DuckDBRegisterTableFunction(connection.NativeConnection, function).IsSuccess())
            {
                handle.Free();
                throw new InvalidOperationException($"DuckDB did not register {name}");
            }
        }
        finally
        {
            // The catalog keeps its own copy; the extra info (the handle) goes with the last of them.
            TableFunction.DuckDBDestroyTableFunction(ref function);
        }
    }

    // DuckDB.NET 1.5 binds no table function's state per thread.
    [DllImport("duckdb", CallingConvention = CallingConvention.Cdecl)]
    private static extern void duckdb_table_function_set_local_init(nint function, delegate* unmanaged[Cdecl]<nint, void> init);
}
