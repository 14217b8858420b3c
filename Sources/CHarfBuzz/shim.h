#ifndef CHARFBUZZ_SHIM_H
#define CHARFBUZZ_SHIM_H
// Only the core API: faces come from font files through HarfBuzz's own OpenType loader, so the FreeType
// integration header (hb-ft.h) and its include paths are not needed.
#include <hb.h>
#include <hb-ot.h>
#endif
