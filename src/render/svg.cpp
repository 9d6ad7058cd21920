#include "pipeadvise/render/svg.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

#include "pipeadvise/render/escape.hpp"

namespace pipeadvise::render::svg {

std::string escape(std::string_view text) {
    return escape_xml(text, true);
}

std::string num(double value) {
    if (!std::isfinite(value)) return "0";
    const double rounded = std::round(value * 10.0) / 10.0;
    char buf[48];
    if (rounded == std::floor(rounded)) {
        std::snprintf(buf, sizeof buf, "%.0f", rounded);
    } else {
        std::snprintf(buf, sizeof buf, "%.1f", rounded);
    }
    std::string s = buf;
    return s == "-0" ? "0" : s;
}

double text_width(std::string_view text, double font_size) {
    double em = 0;
    for (char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if ((c & 0xC0) == 0x80) continue;  // UTF-8 continuation byte: counted with its lead byte
        if (c >= 0x80) {
            em += 0.7;
        } else if (c == ' ') {
            em += 0.32;
        } else if (c == 'i' || c == 'l' || c == 'j' || c == '.' || c == ',' || c == ':' || c == ';' ||
                   c == '\'' || c == '!' || c == '|') {
            em += 0.3;
        } else if (c == 'f' || c == 't' || c == 'r' || c == '(' || c == ')' || c == '[' || c == ']' ||
                   c == '-') {
            em += 0.42;
        } else if (c == 'm' || c == 'w' || c == 'M' || c == 'W' || c == '%' || c == '@') {
            em += 0.92;
        } else if (c >= 'A' && c <= 'Z') {
            em += 0.7;
        } else {
            em += 0.62;
        }
    }
    return em * font_size;
}

LinearScale::LinearScale(double domain_min, double domain_max, double range_min, double range_max)
    : m_d0(domain_min), m_d1(domain_max), m_r0(range_min), m_r1(range_max) {
    if (m_d1 == m_d0) m_d1 = m_d0 + 1;  // a flat domain still maps somewhere sensible
}

double LinearScale::operator()(double value) const {
    return m_r0 + (value - m_d0) / (m_d1 - m_d0) * (m_r1 - m_r0);
}

LogScale::LogScale(double domain_min, double domain_max, double range_min, double range_max)
    : m_d0(domain_min > 0 ? domain_min : 1e-3), m_d1(domain_max), m_r0(range_min), m_r1(range_max) {
    if (!(m_d1 > m_d0)) m_d1 = m_d0 * 10;
}

double LogScale::operator()(double value) const {
    const double v = std::clamp(value, m_d0, m_d1);
    return m_r0 + (std::log10(v) - std::log10(m_d0)) / (std::log10(m_d1) - std::log10(m_d0)) * (m_r1 - m_r0);
}

std::vector<double> nice_ticks(double lo, double hi, int count) {
    if (!std::isfinite(lo) || !std::isfinite(hi)) return {0, 1};
    if (hi < lo) std::swap(lo, hi);
    if (hi == lo) hi = lo + (lo == 0 ? 1 : std::abs(lo) * 0.5);
    count = std::max(count, 2);
    const double raw = (hi - lo) / count;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    double step = magnitude;
    for (double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
        step = m * magnitude;
        if (raw <= step) break;
    }
    std::vector<double> ticks;
    const double first = std::floor(lo / step + 1e-9) * step;
    for (double t = first; t < hi + step * 0.999; t += step) {
        ticks.push_back(std::abs(t) < step * 1e-9 ? 0.0 : t);
        if (ticks.size() > 50) break;
    }
    return ticks;
}

namespace {
constexpr std::array<double, 35> k_time_steps{
    0.001, 0.002, 0.005, 0.01,   0.02,   0.05,   0.1,     0.2,     0.5,     1,        2,       5,
    10,    15,    30,    60,     120,    300,    600,     900,     1800,    3600,     7200,    10800,
    21600, 43200, 86400, 172800, 345600, 604800, 1209600, 2592000, 7776000, 15552000, 31536000};
constexpr std::array<double, 13> k_log_time_marks{0.001, 0.01,  0.1,   1,      10,      60,      600,
                                                  3600,  21600, 86400, 604800, 2592000, 31536000};
}  // namespace

std::vector<double> time_ticks(double hi, int count) {
    if (!(hi > 0) || !std::isfinite(hi)) return {0, 1};
    count = std::max(count, 2);
    double step = k_time_steps.back();
    for (double s : k_time_steps) {
        if (hi / s <= count) {
            step = s;
            break;
        }
    }
    std::vector<double> ticks;
    for (int i = 0; ticks.empty() || ticks.back() < hi * 0.999; ++i) ticks.push_back(step * i);
    return ticks;
}

std::vector<double> log_time_ticks(double lo, double hi, int max_ticks) {
    std::vector<double> out;
    for (double t : k_log_time_marks) {
        if (t >= lo * 0.999 && t <= hi * 1.001) out.push_back(t);
    }
    if (out.size() < 3) {
        out.clear();
        for (double t : k_time_steps) {
            if (t >= lo * 0.999 && t <= hi * 1.001) out.push_back(t);
        }
    }
    max_ticks = std::max(max_ticks, 2);
    if (static_cast<int>(out.size()) > max_ticks) {
        const std::size_t stride =
            (out.size() + static_cast<std::size_t>(max_ticks) - 1) / static_cast<std::size_t>(max_ticks);
        std::vector<double> thinned;
        for (std::size_t i = 0; i < out.size(); i += stride) thinned.push_back(out[i]);
        out = std::move(thinned);
    }
    return out;
}

namespace {
std::string_view anchor_name(Anchor a) {
    switch (a) {
        case Anchor::start:
            return "start";
        case Anchor::middle:
            return "middle";
        case Anchor::end:
            return "end";
    }
    return "start";
}

std::string tooltip_element(std::string_view tooltip) {
    return tooltip.empty() ? std::string() : "<title>" + escape(tooltip) + "</title>";
}
}  // namespace

Canvas::Canvas(std::string id, double width, double height, std::string_view title,
               std::string_view description)
    : m_id(std::move(id)), m_width(width), m_height(height) {
    // The xmlns keeps the element valid when copied out of the page into a standalone .svg.
    m_head = "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"" + m_id + "\" class=\"chart\" viewBox=\"0 0 " +
             num(width) + " " + num(height) + "\" width=\"" + num(width) + "\" height=\"" + num(height) +
             "\" role=\"img\" aria-labelledby=\"" + m_id + "-title " + m_id + "-desc\">\n<title id=\"" +
             m_id + "-title\">" + escape(title) + "</title>\n<desc id=\"" + m_id + "-desc\">" +
             escape(description) + "</desc>\n";
}

void Canvas::rect(double x, double y, double w, double h, std::string_view fill, std::string_view tooltip,
                  std::string_view extra) {
    m_body += "<rect x=\"" + num(x) + "\" y=\"" + num(y) + "\" width=\"" + num(std::max(w, 0.0)) +
              "\" height=\"" + num(std::max(h, 0.0)) + "\" fill=\"" + std::string(fill) + "\"";
    if (!extra.empty()) m_body += " " + std::string(extra);
    if (tooltip.empty()) {
        m_body += "/>\n";
    } else {
        m_body += ">" + tooltip_element(tooltip) + "</rect>\n";
    }
}

void Canvas::line(double x1, double y1, double x2, double y2, std::string_view stroke, double stroke_width,
                  std::string_view dash, std::string_view extra) {
    m_body += "<line x1=\"" + num(x1) + "\" y1=\"" + num(y1) + "\" x2=\"" + num(x2) + "\" y2=\"" + num(y2) +
              "\" stroke=\"" + std::string(stroke) + "\" stroke-width=\"" + num(stroke_width) + "\"";
    if (!dash.empty()) m_body += " stroke-dasharray=\"" + std::string(dash) + "\"";
    if (!extra.empty()) m_body += " " + std::string(extra);
    m_body += "/>\n";
}

void Canvas::polyline(const std::vector<std::pair<double, double>>& points, std::string_view stroke,
                      double stroke_width, std::string_view dash) {
    if (points.empty()) return;
    m_body += "<polyline fill=\"none\" stroke=\"" + std::string(stroke) + "\" stroke-width=\"" +
              num(stroke_width) + "\" stroke-linejoin=\"round\"";
    if (!dash.empty()) m_body += " stroke-dasharray=\"" + std::string(dash) + "\"";
    m_body += " points=\"";
    for (std::size_t i = 0; i < points.size(); ++i) {
        if (i > 0) m_body += ' ';
        m_body += num(points[i].first) + "," + num(points[i].second);
    }
    m_body += "\"/>\n";
}

void Canvas::marker(int shape, double x, double y, double size, std::string_view fill,
                    std::string_view stroke, std::string_view tooltip) {
    const double r = size / 2;
    std::string element;
    switch (shape % 4) {
        case 0:
            element = "<circle cx=\"" + num(x) + "\" cy=\"" + num(y) + "\" r=\"" + num(r) + "\"";
            break;
        case 1:
            element = "<rect x=\"" + num(x - r * 0.9) + "\" y=\"" + num(y - r * 0.9) + "\" width=\"" +
                      num(1.8 * r) + "\" height=\"" + num(1.8 * r) + "\"";
            break;
        case 2:
            element = "<polygon points=\"" + num(x) + "," + num(y - r * 1.1) + " " + num(x + r * 1.1) + "," +
                      num(y + r * 0.9) + " " + num(x - r * 1.1) + "," + num(y + r * 0.9) + "\"";
            break;
        default:
            element = "<polygon points=\"" + num(x) + "," + num(y - r * 1.2) + " " + num(x + r * 1.2) + "," +
                      num(y) + " " + num(x) + "," + num(y + r * 1.2) + " " + num(x - r * 1.2) + "," + num(y) +
                      "\"";
            break;
    }
    element +=
        " fill=\"" + std::string(fill) + "\" stroke=\"" + std::string(stroke) + "\" stroke-width=\"1.5\"";
    const std::string tag = element.substr(1, element.find(' ') - 1);
    if (tooltip.empty()) {
        m_body += element + "/>\n";
    } else {
        m_body += element + ">" + tooltip_element(tooltip) + "</" + tag + ">\n";
    }
}

void Canvas::text(double x, double y, std::string_view content, Anchor anchor, double font_size,
                  std::string_view fill, std::string_view extra) {
    m_body += "<text x=\"" + num(x) + "\" y=\"" + num(y) + "\"";
    if (anchor != Anchor::start) m_body += " text-anchor=\"" + std::string(anchor_name(anchor)) + "\"";
    m_body += " font-size=\"" + num(font_size) + "\"";
    if (fill != colors::k_ink) m_body += " fill=\"" + std::string(fill) + "\"";
    if (!extra.empty()) m_body += " " + std::string(extra);
    m_body += ">" + escape(content) + "</text>\n";
}

void Canvas::begin_group(std::string_view css_class, std::string_view extra) {
    m_body += "<g class=\"" + std::string(css_class) + "\"";
    if (!extra.empty()) m_body += " " + std::string(extra);
    m_body += ">\n";
}

void Canvas::end_group() {
    m_body += "</g>\n";
}

std::string Canvas::str() const {
    return m_head + m_body + "</svg>\n";
}

}  // namespace pipeadvise::render::svg
