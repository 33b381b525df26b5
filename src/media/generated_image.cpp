#include "media/generated_image.h"

#include "media/vips.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

namespace dateline {

namespace {

struct Rgb {
    double r, g, b;
};

Rgb mix(Rgb a, Rgb b, double t) {
    return {a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t};
}

class Canvas {
  public:
    Canvas(int w, int h) : w_(w), h_(h), px_(static_cast<size_t>(w) * h * 3) {}
    int width() const { return w_; }
    int height() const { return h_; }
    void blend(int x, int y, Rgb c, double alpha = 1.0) {
        if (x < 0 || y < 0 || x >= w_ || y >= h_) return;
        unsigned char* p = &px_[(static_cast<size_t>(y) * w_ + x) * 3];
        p[0] = static_cast<unsigned char>(std::clamp(p[0] + (c.r - p[0]) * alpha, 0.0, 255.0));
        p[1] = static_cast<unsigned char>(std::clamp(p[1] + (c.g - p[1]) * alpha, 0.0, 255.0));
        p[2] = static_cast<unsigned char>(std::clamp(p[2] + (c.b - p[2]) * alpha, 0.0, 255.0));
    }
    void rect(int x0, int y0, int x1, int y1, Rgb c, double alpha = 1.0) {
        for (int y = std::max(0, y0); y < std::min(h_, y1); ++y)
            for (int x = std::max(0, x0); x < std::min(w_, x1); ++x)
                blend(x, y, c, alpha);
    }
    void disc(double cx, double cy, double r, Rgb c, double alpha = 1.0) {
        for (int y = static_cast<int>(cy - r - 1); y <= cy + r + 1; ++y)
            for (int x = static_cast<int>(cx - r - 1); x <= cx + r + 1; ++x) {
                double d = std::hypot(x - cx, y - cy);
                if (d <= r) blend(x, y, c, alpha * std::min(1.0, r - d));
            }
    }
    // Fills below a ridge line given per column.
    void below(const std::vector<double>& ridge, Rgb c, double alpha = 1.0) {
        for (int x = 0; x < w_; ++x)
            for (int y = std::max(0, static_cast<int>(ridge[x])); y < h_; ++y)
                blend(x, y, c, alpha);
    }
    const std::vector<unsigned char>& pixels() const { return px_; }

  private:
    int w_, h_;
    std::vector<unsigned char> px_;
};

struct Palette {
    Rgb sky_top, sky_low, light, far, near, accent;
};

Palette palette_for(std::string_view motif, std::mt19937& rng) {
    static const Palette day{{70, 130, 200}, {190, 215, 235}, {255, 244, 200},
                             {96, 120, 150}, {40, 56, 72},    {200, 80, 60}};
    static const Palette dusk{{44, 52, 110}, {240, 150, 110}, {255, 210, 150},
                              {90, 70, 100}, {36, 30, 48},    {250, 190, 90}};
    static const Palette night{{10, 16, 40}, {40, 50, 90}, {235, 235, 220},
                               {30, 36, 60}, {12, 14, 24}, {250, 210, 120}};
    if (motif == "night") return night;
    return std::uniform_int_distribution<int>(0, 2)(rng) == 0 ? dusk : day;
}

void paint(Canvas& c, std::string_view motif, std::mt19937& rng) {
    const int w = c.width(), h = c.height();
    Palette p = palette_for(motif, rng);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    for (int y = 0; y < h; ++y) {
        Rgb row = mix(p.sky_top, p.sky_low, std::pow(static_cast<double>(y) / h, 0.8));
        for (int x = 0; x < w; ++x)
            c.blend(x, y, row);
    }
    double sun_x = w * (0.15 + 0.7 * unit(rng)), sun_y = h * (0.18 + 0.2 * unit(rng));
    for (int i = 6; i >= 1; --i)
        c.disc(sun_x, sun_y, h * 0.05 * i, p.light, 0.06);
    c.disc(sun_x, sun_y, h * 0.06, p.light);
    double horizon = h * (0.55 + 0.1 * unit(rng));
    std::vector<double> ridge(w);

    bool water = motif == "sea" || motif == "harbour";
    bool peaks = motif == "mountains" || motif == "forest";
    if (peaks || (!water && motif != "stadium" && motif != "rail" && unit(rng) < 0.3)) {
        double a = unit(rng) * 6, b = unit(rng) * 6;
        for (int x = 0; x < w; ++x) {
            double t = static_cast<double>(x) / w;
            double jag = motif == "mountains" ? std::abs(std::sin(t * 9 + a)) * 0.22 : 0.08;
            ridge[x] = horizon - h * (jag + 0.06 * std::sin(t * 17 + b));
        }
        c.below(ridge, mix(p.far, p.sky_low, 0.35));
    }
    if (water) {
        c.rect(0, static_cast<int>(horizon), w, h, mix(p.sky_top, p.far, 0.5));
        for (int i = 0; i < 60; ++i) {
            int y = static_cast<int>(horizon + (h - horizon) * unit(rng));
            int x = static_cast<int>(w * unit(rng));
            c.rect(x, y, x + static_cast<int>(w * 0.05 * unit(rng)) + 8, y + 2, p.light, 0.35);
        }
        int boats = motif == "harbour" ? 5 : 2;
        for (int i = 0; i < boats; ++i) {
            int x = static_cast<int>(w * unit(rng)),
                y = static_cast<int>(horizon + 20 + 60 * unit(rng));
            c.rect(x, y, x + w / 14, y + h / 40, p.near);
            c.rect(x + w / 40, y - h / 9, x + w / 40 + 4, y, p.near);
            c.rect(x + w / 40 + 4, y - h / 10, x + w / 40 + w / 30, y - h / 40, p.accent, 0.9);
        }
        if (motif == "harbour")
            for (int x = 0; x < w / 3; x += w / 24)
                c.rect(x, static_cast<int>(horizon - h * 0.25), x + w / 30,
                       static_cast<int>(horizon), p.near);
        return;
    }
    // The built or grown foreground.
    int ground = static_cast<int>(horizon + h * 0.12);
    if (motif == "stadium") {
        for (int y = ground - h / 6; y < h; ++y)
            for (int x = 0; x < w; ++x) {
                double dx = (x - w / 2.0) / (w * 0.45), dy = (y - ground) / (h * 0.22);
                if (dx * dx + dy * dy < 1)
                    c.blend(x, y, dx * dx + dy * dy < 0.55 ? Rgb{60, 150, 70} : p.near);
            }
        for (int i = 0; i < 4; ++i) {
            int x = w / 8 + i * w / 4;
            c.rect(x, ground - h / 3, x + 6, ground, p.near);
            c.disc(x + 3, ground - h / 3, 14, p.light);
        }
    } else if (motif == "rail") {
        c.rect(0, ground, w, h, mix(p.near, p.far, 0.4));
        for (int y = ground; y < h; ++y) {
            double t = static_cast<double>(y - ground) / (h - ground);
            int spread = static_cast<int>(w * 0.05 + w * 0.3 * t);
            c.rect(w / 2 - spread, y, w / 2 - spread + 3 + static_cast<int>(4 * t), y + 1, p.light);
            c.rect(w / 2 + spread, y, w / 2 + spread + 3 + static_cast<int>(4 * t), y + 1, p.light);
        }
    } else if (motif == "forest") {
        for (int i = 0; i < 70; ++i) {
            double x = w * unit(rng), base = ground + (h - ground) * unit(rng) * 0.8;
            double th = h * (0.12 + 0.2 * unit(rng));
            for (int y = static_cast<int>(base - th); y < base; ++y) {
                double half = (y - (base - th)) / th * th * 0.28;
                c.rect(static_cast<int>(x - half), y, static_cast<int>(x + half), y + 1,
                       mix(p.near, Rgb{30, 90, 50}, 0.6));
            }
        }
    } else {
        // Buildings; parliament adds a dome, a lab or hospital a cross or dish.
        int x = 0;
        while (x < w) {
            int bw = static_cast<int>(w * (0.04 + 0.08 * unit(rng)));
            int bh = static_cast<int>(h * (0.12 + 0.35 * unit(rng)));
            Rgb body = mix(p.near, p.far, 0.3 * unit(rng));
            c.rect(x, ground - bh, x + bw - 3, h, body);
            for (int wy = ground - bh + 10; wy < ground - 8; wy += 18)
                for (int wx = x + 6; wx < x + bw - 12; wx += 14)
                    if (unit(rng) < (motif == "night" ? 0.5 : 0.25))
                        c.rect(wx, wy, wx + 6, wy + 9, p.accent, 0.8);
            x += bw;
        }
        if (motif == "parliament") {
            int cx = w / 2, top = ground - h / 4;
            c.rect(cx - w / 5, top, cx + w / 5, h, mix(p.far, p.light, 0.5));
            for (int col = cx - w / 5 + 10; col < cx + w / 5 - 10; col += w / 40)
                c.rect(col, top + 12, col + 6, ground, p.near, 0.5);
            c.disc(cx, top, w / 10.0, mix(p.far, p.light, 0.6));
            c.rect(cx - 2, top - w / 10 - 30, cx + 2, top - w / 10, p.near);
        } else if (motif == "hospital") {
            int cx = w / 2, top = ground - h / 3;
            c.rect(cx - w / 8, top, cx + w / 8, h, {235, 235, 235});
            c.rect(cx - 12, top + 20, cx + 12, top + 76, {200, 40, 40});
            c.rect(cx - 28, top + 36, cx + 28, top + 60, {200, 40, 40});
        } else if (motif == "lab") {
            c.disc(w * 0.7, ground - h * 0.32, h * 0.1, mix(p.far, p.light, 0.7));
            c.rect(static_cast<int>(w * 0.7) - 4, static_cast<int>(ground - h * 0.32),
                   static_cast<int>(w * 0.7) + 4, ground, p.near);
        } else if (motif == "market") {
            for (int i = 0; i < 8; ++i) {
                int sx = i * w / 8;
                Rgb awning = i % 2 ? p.accent : Rgb{240, 240, 230};
                c.rect(sx + 4, ground + h / 12, sx + w / 8 - 4, ground + h / 12 + 24, awning);
                c.rect(sx + 8, ground + h / 12 + 24, sx + w / 8 - 8, h, mix(p.near, p.far, 0.4));
            }
        }
        c.rect(0, ground, w, h, p.near, 0.85);
    }
}

}  // namespace

Result<EncodedImage> paint_jpeg(std::string_view motif, uint32_t seed, int width, int height) {
    if (width < 16 || height < 16 || width > 4000 || height > 4000)
        return Error::invalid("size", "picture size out of range");
    vips::ensure_started();
    std::mt19937 rng(seed ^ static_cast<uint32_t>(std::hash<std::string_view>{}(motif)));
    Canvas canvas(width, height);
    paint(canvas, motif, rng);
    vips::Image image(vips_image_new_from_memory(canvas.pixels().data(), canvas.pixels().size(),
                                                 width, height, 3, VIPS_FORMAT_UCHAR));
    if (!image) return Error::io("libvips: " + vips::take_error());
    void* raw = nullptr;
    size_t length = 0;
    int rc = vips_jpegsave_buffer(image.get(), &raw, &length, "Q", 80, "strip", TRUE, "interlace",
                                  TRUE, nullptr);
    vips::Buffer buffer(raw);
    if (rc != 0) return Error::io("libvips cannot encode JPEG: " + vips::take_error());
    return EncodedImage{std::string(static_cast<const char*>(buffer.get()), length), "image/jpeg",
                        width, height};
}

}  // namespace dateline
