#ifndef CFRAMEBUFFER_SHIM_H
#define CFRAMEBUFFER_SHIM_H
#include <linux/fb.h>
#include <sys/ioctl.h>

// ioctl is variadic, which Swift cannot call; one typed wrapper per request.
static inline int CFramebuffer_getVariableInfo(int descriptor, struct fb_var_screeninfo *info) {
    return ioctl(descriptor, FBIOGET_VSCREENINFO, info);
}

static inline int CFramebuffer_getFixedInfo(int descriptor, struct fb_fix_screeninfo *info) {
    return ioctl(descriptor, FBIOGET_FSCREENINFO, info);
}
#endif
