//! HEIC/HEIF photos, the iPhone's default. Recognised always (so a build without the decoder
//! says what to do instead of "unrecognised file"); decoded through the system's libheif when
//! the studio is built with `--features heic` (libheif 1.15 or newer; Debian's `libheif-dev`).
//! The C functions used are few and stable since libheif 1.x, so they are declared here rather
//! than through a binding crate that would ask for a newer libheif than Debian ships.

/// Whether `bytes` are an HEIF file (HEIC, HEIF, AVIF excluded): an ISO box `ftyp` whose major
/// brand is one of HEIF's.
pub fn is_heif(bytes: &[u8]) -> bool {
    bytes.get(4..8) == Some(b"ftyp")
        && matches!(
            bytes.get(8..12),
            Some(b"heic" | b"heix" | b"hevc" | b"hevx" | b"heim" | b"heis" | b"mif1" | b"msf1")
        )
}

/// Whether this build decodes HEIF photos.
pub const DECODES: bool = cfg!(feature = "heic");

/// Why an HEIC/HEIF photo does not open in a build without libheif, and what to do instead.
pub const NOT_DECODED: &str = "it is an HEIC/HEIF photo (an iPhone's), and this build does not \
    decode HEIC: build the studio with `cargo build --release --features heic` (needs libheif: \
    Debian's libheif-dev), or export the photo as JPEG (on the iPhone: Camera > Formats > Most \
    Compatible)";

#[cfg(feature = "heic")]
pub use decode::{decode, exif_block};

#[cfg(feature = "heic")]
mod decode {
    use image::RgbaImage;
    use std::ffi::{CStr, c_char, c_int, c_void};

    #[repr(C)]
    struct HeifError {
        code: c_int,
        subcode: c_int,
        message: *const c_char,
    }
    #[repr(C)]
    struct Context {
        _private: [u8; 0],
    }
    #[repr(C)]
    struct Handle {
        _private: [u8; 0],
    }
    #[repr(C)]
    struct Image {
        _private: [u8; 0],
    }

    const COLORSPACE_RGB: c_int = 1;
    const CHROMA_INTERLEAVED_RGBA: c_int = 11;
    const CHANNEL_INTERLEAVED: c_int = 10;

    #[link(name = "heif")]
    unsafe extern "C" {
        fn heif_init(params: *mut c_void) -> HeifError;
        fn heif_context_alloc() -> *mut Context;
        fn heif_context_free(ctx: *mut Context);
        fn heif_context_read_from_memory_without_copy(
            ctx: *mut Context,
            mem: *const c_void,
            size: usize,
            options: *const c_void,
        ) -> HeifError;
        fn heif_context_get_primary_image_handle(
            ctx: *mut Context,
            h: *mut *mut Handle,
        ) -> HeifError;
        fn heif_image_handle_release(h: *const Handle);
        fn heif_image_handle_get_width(h: *const Handle) -> c_int;
        fn heif_image_handle_get_height(h: *const Handle) -> c_int;
        fn heif_decode_image(
            h: *const Handle,
            out: *mut *mut Image,
            colorspace: c_int,
            chroma: c_int,
            options: *const c_void,
        ) -> HeifError;
        fn heif_image_get_plane_readonly(
            img: *const Image,
            channel: c_int,
            stride: *mut c_int,
        ) -> *const u8;
        fn heif_image_get_width(img: *const Image, channel: c_int) -> c_int;
        fn heif_image_get_height(img: *const Image, channel: c_int) -> c_int;
        fn heif_image_release(img: *const Image);
        fn heif_image_handle_get_list_of_metadata_block_IDs(
            h: *const Handle,
            filter: *const c_char,
            ids: *mut u32,
            count: c_int,
        ) -> c_int;
        fn heif_image_handle_get_metadata_size(h: *const Handle, id: u32) -> usize;
        fn heif_image_handle_get_metadata(h: *const Handle, id: u32, out: *mut c_void)
        -> HeifError;
    }

    fn check(e: HeifError) -> Result<(), String> {
        if e.code == 0 {
            return Ok(());
        }
        // SAFETY: libheif's error message is always a valid C string (heif.h).
        let msg = unsafe { CStr::from_ptr(e.message) };
        Err(format!("libheif: {}", msg.to_string_lossy()))
    }

    /// The file's primary image handle, released (with its context) when dropped.
    struct Opened {
        ctx: *mut Context,
        handle: *mut Handle,
    }

    impl Drop for Opened {
        fn drop(&mut self) {
            // SAFETY: both were made by libheif below and are released once, here.
            unsafe {
                if !self.handle.is_null() {
                    heif_image_handle_release(self.handle);
                }
                heif_context_free(self.ctx);
            }
        }
    }

    fn open(bytes: &[u8]) -> Result<Opened, String> {
        static INIT: std::sync::Once = std::sync::Once::new();
        // SAFETY: heif_init with no parameters; called once for the process (it is counted).
        INIT.call_once(|| unsafe {
            let _ = heif_init(std::ptr::null_mut());
        });
        // SAFETY: the context reads `bytes` only during the calls below, while `bytes` lives
        // (the caller keeps it borrowed for the life of `Opened`'s use).
        unsafe {
            let ctx = heif_context_alloc();
            if ctx.is_null() {
                return Err("libheif: out of memory".into());
            }
            let mut opened = Opened {
                ctx,
                handle: std::ptr::null_mut(),
            };
            check(heif_context_read_from_memory_without_copy(
                ctx,
                bytes.as_ptr().cast(),
                bytes.len(),
                std::ptr::null(),
            ))?;
            check(heif_context_get_primary_image_handle(
                ctx,
                &mut opened.handle,
            ))?;
            Ok(opened)
        }
    }

    /// The photo upright as RGBA, after `fits(width, height)` agreed to its size (checked before
    /// any pixel is decoded).
    pub fn decode(
        bytes: &[u8],
        fits: impl FnOnce(u32, u32) -> Result<(), String>,
    ) -> Result<RgbaImage, String> {
        let o = open(bytes)?;
        // SAFETY: the handle is valid while `o` lives; every pointer libheif returns is checked
        // and read within the plane's reported size.
        unsafe {
            let (w, h) = (
                heif_image_handle_get_width(o.handle),
                heif_image_handle_get_height(o.handle),
            );
            fits(w.max(0) as u32, h.max(0) as u32)?;
            let mut img: *mut Image = std::ptr::null_mut();
            check(heif_decode_image(
                o.handle,
                &mut img,
                COLORSPACE_RGB,
                CHROMA_INTERLEAVED_RGBA,
                std::ptr::null(),
            ))?;
            struct Decoded(*mut Image);
            impl Drop for Decoded {
                fn drop(&mut self) {
                    // SAFETY: made by heif_decode_image, released once.
                    unsafe { heif_image_release(self.0) }
                }
            }
            let img = Decoded(img);
            let (iw, ih) = (
                heif_image_get_width(img.0, CHANNEL_INTERLEAVED),
                heif_image_get_height(img.0, CHANNEL_INTERLEAVED),
            );
            let mut stride: c_int = 0;
            let plane = heif_image_get_plane_readonly(img.0, CHANNEL_INTERLEAVED, &mut stride);
            if plane.is_null() || iw <= 0 || ih <= 0 || (stride as i64) < 4 * iw as i64 {
                return Err("libheif: no RGBA plane".into());
            }
            let (iw, stride) = (iw as usize, stride as usize);
            let mut out = RgbaImage::new(iw as u32, ih as u32);
            for (y, row) in out.chunks_exact_mut(4 * iw).enumerate() {
                let src = std::slice::from_raw_parts(plane.add(y * stride), 4 * iw);
                row.copy_from_slice(src);
            }
            // libheif applies the file's rotation and mirroring: the image is upright.
            Ok(out)
        }
    }

    /// The photo's EXIF block (from its TIFF header on), if it has one.
    pub fn exif_block(bytes: &[u8]) -> Option<Vec<u8>> {
        let o = open(bytes).ok()?;
        // SAFETY: the handle is valid while `o` lives; the buffer is sized as libheif reports.
        unsafe {
            let mut id: u32 = 0;
            let n = heif_image_handle_get_list_of_metadata_block_IDs(
                o.handle,
                c"Exif".as_ptr(),
                &mut id,
                1,
            );
            if n < 1 {
                return None;
            }
            let size = heif_image_handle_get_metadata_size(o.handle, id);
            if !(4..=1 << 20).contains(&size) {
                return None;
            }
            let mut buf = vec![0u8; size];
            check(heif_image_handle_get_metadata(
                o.handle,
                id,
                buf.as_mut_ptr().cast(),
            ))
            .ok()?;
            // The first four bytes give the offset of the TIFF header after them.
            let skip = u32::from_be_bytes(buf[..4].try_into().ok()?) as usize;
            buf.get(4 + skip..).map(<[u8]>::to_vec)
        }
    }
}
