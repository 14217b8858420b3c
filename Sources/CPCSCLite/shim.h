#ifndef CPCSCLITE_SHIM_H
#define CPCSCLITE_SHIM_H

// pcsc-lite (Debian libpcsclite-dev, pkg-config libpcsclite adds -I/usr/include/PCSC); only CardReader imports this.
#include <winscard.h>
#include <reader.h>

// The protocol control blocks are macros over global structures: Swift sees neither, so they come through here.
static inline const SCARD_IO_REQUEST *CPCSCLite_pci_t0(void) { return SCARD_PCI_T0; }
static inline const SCARD_IO_REQUEST *CPCSCLite_pci_t1(void) { return SCARD_PCI_T1; }

// SCARD_ATTR_VALUE and SCARD_CTL_CODE are function-like macros.
static inline DWORD CPCSCLite_ctl_code(DWORD code) { return SCARD_CTL_CODE(code); }

#endif
