#ifndef CFREETYPE_SHIM_H
#define CFREETYPE_SHIM_H
#include <ft2build.h>
#include FT_FREETYPE_H

// FT_LOAD_TARGET_* are function-like macros, which Swift does not import.
static inline FT_Int32 CFreeType_loadFlagsUnhinted(void) {
    // Unhinted outlines: the same shapes from every FreeType release, so golden screenshots stay comparable.
    return FT_LOAD_NO_HINTING | FT_LOAD_NO_BITMAP;
}
#endif
