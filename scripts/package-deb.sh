#!/usr/bin/env bash
# Builds the release binaries and the Debian packages rathaus-kioskd and rathaus-kiosk-central.
#
#   bash scripts/package-deb.sh [OUTPUT_DIR]      # default .build/deb; prints the paths of the two .deb files
#
# The version is the repository's VERSION file (a native Debian version) plus KIOSK_DEB_VERSION_SUFFIX when set
# (e.g. +site1; it must sort after the plain version, as "+..." does). The Swift runtime and Foundation are linked
# statically (--static-swift-stdlib); C libraries stay dynamic and Depends lists them as dpkg-shlibdeps finds
# them. KIOSK_DEB_COMPRESSION picks dpkg-deb's compressor (default xz, Debian's; the test takes gzip, ten times
# faster on the 90 MB binaries). The build has a scratch folder of its own, .build-deb: incremental, so a second run
# only packages, and free of the lock that a running `swift test` holds on .build (PackagingTests runs this script
# from inside one).
# Package metadata, maintainer scripts and man pages are in packaging/deb/.
cd "$(dirname "$0")/.."
source scripts/common.sh
kiosk_install_packages "${KIOSK_DEB_PACKAGES[@]}"
kiosk_find_swift
umask 022

output=$(realpath -m "${1:-.build/deb}")
base_version=$(tr -d '[:space:]' < VERSION)
version="${base_version}${KIOSK_DEB_VERSION_SUFFIX:-}"
if ! [[ "$version" =~ ^[0-9][0-9A-Za-z.+~]*$ ]]; then
    echo "Version '$version' ist keine native Debian-Version / is not a native Debian version (VERSION + KIOSK_DEB_VERSION_SUFFIX)" >&2
    exit 1
fi
arch=$(dpkg --print-architecture)
compression="${KIOSK_DEB_COMPRESSION:-xz}"
maintainer="${KIOSK_DEB_MAINTAINER:-RathausKiosk maintainers <maintainers@rathaus-kiosk.example>}"
products=(kioskd kioskctl kiosk-central)
build_flags=(-c release --static-swift-stdlib --scratch-path .build-deb)

for product in "${products[@]}"; do
    echo "==> swift build ${build_flags[*]} --product $product" >&2
    swift build "${build_flags[@]}" --product "$product" >&2
done
bin=$(swift build "${build_flags[@]}" --show-bin-path)

# Static Swift means no library from the toolchain at run time; a dynamic one would fail on a machine without it.
for product in "${products[@]}"; do
    libraries=$(ldd "$bin/$product")
    if grep -q -e "not found" -e "/opt/swift" -e "libswift" -e "libFoundation" -e "libdispatch" <<<"$libraries"; then
        echo "$product links Swift libraries dynamically or misses one / lädt Swift-Bibliotheken dynamisch:" >&2
        echo "$libraries" >&2
        exit 1
    fi
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$output"

# The changelog's newest entry is the version built; a suffixed build gets an entry of its own above the release.
changelog() {
    if [ "$version" != "$base_version" ]; then
        printf 'rathaus-kiosk (%s) bookworm; urgency=medium\n\n  * Local build %s of release %s.\n\n -- %s  %s\n\n' \
            "$version" "$version" "$base_version" "$maintainer" "$(date -R)"
    fi
    cat packaging/deb/changelog
}

# Copies a file with the given mode, creating its folder.
put() {
    install -D -m "$1" "$2" "$3"
}

# The shared library dependencies of the given binaries, as dpkg-shlibdeps computes them from the libraries linked.
shlibs() {
    local scratch="$work/shlibs"
    mkdir -p "$scratch/debian"
    printf 'Source: rathaus-kiosk\n\nPackage: shlibs\nArchitecture: any\n' > "$scratch/debian/control"
    (cd "$scratch" && dpkg-shlibdeps -O "${@/#/-e}") | sed -n 's/^shlibs:Depends=//p'
}

# Strips like dh_strip: Debian ships binaries without symbols (lintian: unstripped-binary-or-object).
put_binary() {
    put 0755 "$bin/$1" "$2/usr/bin/$1"
    strip --remove-section=.comment --remove-section=.note --strip-unneeded "$2/usr/bin/$1"
}

# Writes DEBIAN/ (control, scripts, conffiles, md5sums) into the tree and builds the .deb.
finish() {
    local package=$1 root=$2
    shift 2
    put 0644 packaging/deb/copyright "$root/usr/share/doc/$package/copyright"
    put 0644 "packaging/deb/$package/lintian-overrides" "$root/usr/share/lintian/overrides/$package"
    changelog | gzip -9n > "$root/usr/share/doc/$package/changelog.gz"
    chmod 0644 "$root/usr/share/doc/$package/changelog.gz"
    mkdir -p "$root/DEBIAN"
    for script in postinst prerm postrm; do
        put 0755 "packaging/deb/$package/$script" "$root/DEBIAN/$script"
    done
    if [ -d "$root/etc" ]; then
        (cd "$root" && find etc -type f | sort | sed 's|^|/|') > "$root/DEBIAN/conffiles"
        chmod 0644 "$root/DEBIAN/conffiles"
    fi
    (cd "$root" && find . -path ./DEBIAN -prune -o -type f -print | sed 's|^\./||' | sort | xargs md5sum) > "$root/DEBIAN/md5sums"
    chmod 0644 "$root/DEBIAN/md5sums"
    local size depends
    size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
    depends=$(shlibs "$@")
    if [ -z "$depends" ]; then
        echo "dpkg-shlibdeps found no dependencies for $package / fand keine Abhängigkeiten" >&2
        exit 1
    fi
    sed -e "s|@VERSION@|$version|" -e "s|@ARCH@|$arch|" -e "s|@MAINTAINER@|$maintainer|" \
        -e "s|@INSTALLED_SIZE@|$size|" -e "s|@SHLIBS@|$depends|" "packaging/deb/$package/control" > "$root/DEBIAN/control"
    local deb="$output/${package}_${version}_${arch}.deb"
    dpkg-deb --root-owner-group -Z"$compression" --build "$root" "$deb" >&2
    echo "$deb"
}

# Puts a man page, compressed as Debian wants it.
put_man() {
    local page=$1 root=$2 section=${1##*.}
    mkdir -p "$root/usr/share/man/man$section"
    gzip -9n < "packaging/deb/man/$page" > "$root/usr/share/man/man$section/$page.gz"
    chmod 0644 "$root/usr/share/man/man$section/$page.gz"
}

# rathaus-kioskd: the terminal.
root="$work/rathaus-kioskd"
put_binary kioskd "$root"
put_binary kioskctl "$root"
(cd Devices && find . -name '*.yaml' -type f) | while read -r file; do
    put 0644 "Devices/$file" "$root/usr/share/rathaus-kiosk/Devices/$file"
done
for file in Kiosk/texts/*.yaml; do
    put 0644 "$file" "$root/usr/share/rathaus-kiosk/texts/$(basename "$file")"
done
put 0644 packaging/deb/rathaus-kioskd/terminal.yaml "$root/usr/share/rathaus-kiosk/example/terminal.yaml"
for file in services.yaml codes.yaml; do
    put 0644 "Kiosk/example/$file" "$root/usr/share/rathaus-kiosk/example/$file"
    put 0644 "Kiosk/example/$file" "$root/etc/rathaus-kiosk/$file"
done
put 0644 udev/70-rathaus-kiosk.rules "$root/usr/lib/udev/rules.d/70-rathaus-kiosk.rules"
put 0644 Kiosk/systemd/kioskd.service "$root/usr/lib/systemd/system/kioskd.service"
put_man kioskd.8 "$root"
put_man kioskctl.1 "$root"
finish rathaus-kioskd "$root" "$root/usr/bin/kioskd" "$root/usr/bin/kioskctl"

# rathaus-kiosk-central: the central service. The staff console and call display pages are compiled into the
# binary; there are no asset files to ship.
root="$work/rathaus-kiosk-central"
put_binary kiosk-central "$root"
put 0644 Kiosk/example/services.yaml "$root/etc/rathaus-kiosk/central/services.yaml"
put 0644 Kiosk/systemd/kiosk-central.service "$root/usr/lib/systemd/system/kiosk-central.service"
put_man kiosk-central.8 "$root"
finish rathaus-kiosk-central "$root" "$root/usr/bin/kiosk-central"
