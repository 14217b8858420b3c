#ifndef CCUPS_SHIM_H
#define CCUPS_SHIM_H

// libcups2-dev ships no pkg-config file, so the module map links "cups" by name.
#include <cups/cups.h>
#include <cups/ipp.h>
#include <cups/http.h>

#endif
