#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

/// A small inline-SVG toolkit for the HTML report: escaping, scales, tick choice and a canvas
/// that writes one `<svg>` element. Pixel units are SVG user units (1 = 1 CSS px at 100%).
namespace pipeadvise::render::svg {

/// Escapes text for HTML/XML content and attribute values (`& < > " '`, invalid UTF-8 and
/// forbidden control characters; see escape.hpp).
std::string escape(std::string_view text);

/// A coordinate or length in px, with at most one decimal ("12.5", "300").
std::string num(double value);

/// Approximate rendered width in px of `text` at `font_size` px in a sans-serif face; there
/// are no font metrics offline, so this errs on the wide side to keep labels apart.
double text_width(std::string_view text, double font_size);

/// Maps a data interval linearly onto a pixel interval.
class LinearScale {
public:
    LinearScale(double domain_min, double domain_max, double range_min, double range_max);
    /// Pixel position of `value` (not clamped).
    double operator()(double value) const;
    double domain_min() const { return m_d0; }
    double domain_max() const { return m_d1; }

private:
    double m_d0, m_d1, m_r0, m_r1;
};

/// Maps a positive data interval onto a pixel interval on a log10 scale; values at or below
/// zero (or below the domain) clamp to the domain minimum.
class LogScale {
public:
    LogScale(double domain_min, double domain_max, double range_min, double range_max);
    /// Pixel position of `value`, clamped to the domain.
    double operator()(double value) const;
    double domain_min() const { return m_d0; }
    double domain_max() const { return m_d1; }

private:
    double m_d0, m_d1, m_r0, m_r1;
};

/// About `count` round tick values (steps of 1, 2 or 5 × 10^k) covering [lo, hi]; the first
/// tick is <= lo and the last >= hi, so the axis can be extended to them.
std::vector<double> nice_ticks(double lo, double hi, int count);

/// Tick values in seconds for a linear time axis from 0 covering `hi` seconds, in steps a
/// person reads as round (1s, 5s, 15s, 1m, 5m, 15m, 1h, 2h, 6h, 12h, 1d, 7d ...).
std::vector<double> time_ticks(double hi, int count);

/// Tick values in seconds for a log time axis over [lo, hi]: round human durations (1s, 10s,
/// 1m, 10m, 1h, 6h, 1d, 7d ...), thinned so that at most `max_ticks` remain.
std::vector<double> log_time_ticks(double lo, double hi, int max_ticks);

/// Okabe–Ito colours (distinguishable with the common colour-vision deficiencies).
namespace colors {
inline constexpr std::string_view k_blue = "#0072B2";
inline constexpr std::string_view k_orange = "#E69F00";
inline constexpr std::string_view k_green = "#009E73";
inline constexpr std::string_view k_vermillion = "#D55E00";
inline constexpr std::string_view k_sky = "#56B4E9";
inline constexpr std::string_view k_purple = "#CC79A7";
inline constexpr std::string_view k_yellow = "#F0E442";
inline constexpr std::string_view k_ink = "#1F2328";
inline constexpr std::string_view k_grid = "#E3E6EA";
inline constexpr std::string_view k_muted = "#57606A";
}  // namespace colors

/// Text anchoring for Canvas::text.
enum class Anchor { start, middle, end };

/// Writes one accessible `<svg role="img">` with a `<title>` and `<desc>`. All text passed
/// in is escaped; `extra` attribute strings are written as given (callers build them).
class Canvas {
public:
    /// `id` must be a plain identifier; `title` and `description` are escaped.
    Canvas(std::string id, double width, double height, std::string_view title, std::string_view description);

    double width() const { return m_width; }
    double height() const { return m_height; }

    /// A filled rectangle; `tooltip` (escaped) becomes a hover `<title>` when not empty.
    void rect(double x, double y, double w, double h, std::string_view fill, std::string_view tooltip = {},
              std::string_view extra = {});
    /// A straight line; `dash` is an SVG dash array ("" for solid).
    void line(double x1, double y1, double x2, double y2, std::string_view stroke, double stroke_width = 1,
              std::string_view dash = {}, std::string_view extra = {});
    /// An open polyline through `points`.
    void polyline(const std::vector<std::pair<double, double>>& points, std::string_view stroke,
                  double stroke_width, std::string_view dash = {});
    /// A marker glyph (0 circle, 1 square, 2 triangle, 3 diamond) centred on (x, y).
    void marker(int shape, double x, double y, double size, std::string_view fill, std::string_view stroke,
                std::string_view tooltip = {});
    /// A text label (escaped) at (x, y) baseline.
    void text(double x, double y, std::string_view content, Anchor anchor = Anchor::start,
              double font_size = 12, std::string_view fill = colors::k_ink, std::string_view extra = {});
    /// Opens and closes a `<g>` with a class (for tests and styling).
    void begin_group(std::string_view css_class, std::string_view extra = {});
    void end_group();

    /// The finished `<svg>` element.
    std::string str() const;

private:
    std::string m_id;
    double m_width, m_height;
    std::string m_head;
    std::string m_body;
};

}  // namespace pipeadvise::render::svg
