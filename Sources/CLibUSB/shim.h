#ifndef CLIBUSB_SHIM_H
#define CLIBUSB_SHIM_H

// libusb 1.0 (Debian libusb-1.0-0-dev); only the USBDevices module imports this.
#include <libusb-1.0/libusb.h>

// libusb_set_option is variadic, which Swift cannot call: one wrapper per option used.
static inline int CLibUSB_set_log_level(libusb_context *context, int level) {
    return libusb_set_option(context, LIBUSB_OPTION_LOG_LEVEL, level);
}

// LIBUSB_HOTPLUG_MATCH_ANY is a macro Swift does not import as an int.
static inline int CLibUSB_hotplug_match_any(void) {
    return LIBUSB_HOTPLUG_MATCH_ANY;
}

#endif
