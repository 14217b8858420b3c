#ifndef CDRM_SHIM_H
#define CDRM_SHIM_H
#include <stdint.h>
#include <xf86drm.h>
#include <xf86drmMode.h>

// The dumb-buffer requests are macros over drmIoctl, which Swift cannot expand; one typed wrapper each.
static inline int CDRM_createDumb(int descriptor, struct drm_mode_create_dumb *request) {
    return drmIoctl(descriptor, DRM_IOCTL_MODE_CREATE_DUMB, request);
}

static inline int CDRM_mapDumb(int descriptor, struct drm_mode_map_dumb *request) {
    return drmIoctl(descriptor, DRM_IOCTL_MODE_MAP_DUMB, request);
}

static inline int CDRM_destroyDumb(int descriptor, uint32_t handle) {
    struct drm_mode_destroy_dumb request = { .handle = handle };
    return drmIoctl(descriptor, DRM_IOCTL_MODE_DESTROY_DUMB, &request);
}

static inline int CDRM_dirty(int descriptor, uint32_t framebuffer, drmModeClipPtr clips, uint32_t count) {
    return drmModeDirtyFB(descriptor, framebuffer, clips, count);
}
#endif
