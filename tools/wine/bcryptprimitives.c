#include <windows.h>
/* Wine 8.0 lacks bcryptprimitives.dll, which Rust's std imports (ProcessPrng) on
   Windows 10+. A stand-in for trying the .exe under Wine only. */
BOOLEAN WINAPI SystemFunction036(PVOID, ULONG);
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
    while (len > 0) {
        ULONG n = len > 0x10000000 ? 0x10000000 : (ULONG)len;
        if (!SystemFunction036(data, n)) return FALSE;
        data += n; len -= n;
    }
    return TRUE;
}
