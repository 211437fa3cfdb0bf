//! Keyton's chart helpers (`plot`, `scatter`, `bar`, `hist`), drawn with plotters's SVG
//! backend in the executor and reached by cells through the function registry
//! (`keyton_chart`), so that no session builds plotters itself. The cell gets the SVG
//! text and shows it as `image/svg+xml`.
use plotters::prelude::*;
use std::error::Error;
use std::ops::Range;

/// What to draw; `xs`/`ys` are the points (`bar`: `ys` are the heights of `labels`;
/// `hist`: `xs` are the values, counted into `bins`).
pub struct Chart<'a> {
    pub kind: &'a str,
    pub xs: &'a [f64],
    pub ys: &'a [f64],
    pub labels: &'a [String],
    pub title: &'a str,
    pub xlabel: &'a str,
    pub ylabel: &'a str,
    pub bins: usize,
}

const SIZE: (u32, u32) = (640, 400);

impl Chart<'_> {
    pub fn svg(&self) -> Result<String, String> {
        let name = match self.kind {
            "line" => "plot",
            k => k,
        };
        let fail = |e: &dyn std::fmt::Display| format!("{name}(): {e}");
        match self.kind {
            "line" | "scatter" => {
                if self.xs.len() != self.ys.len() {
                    return Err(format!(
                        "{name}(): {} x values but {} y values",
                        self.xs.len(),
                        self.ys.len()
                    ));
                }
                if self.xs.is_empty() {
                    return Err(format!("{name}(): there are no points to draw"));
                }
                self.xy().map_err(|e| fail(&e))
            }
            "bar" => {
                if self.labels.len() != self.ys.len() {
                    return Err(format!(
                        "bar(): {} labels but {} values",
                        self.labels.len(),
                        self.ys.len()
                    ));
                }
                if self.ys.is_empty() {
                    return Err("bar(): there are no bars to draw".into());
                }
                self.bars().map_err(|e| fail(&e))
            }
            "hist" => {
                if self.xs.is_empty() {
                    return Err("hist(): there are no values to count".into());
                }
                if self.bins == 0 {
                    return Err("hist(): `bins` must be at least 1".into());
                }
                self.hist().map_err(|e| fail(&e))
            }
            other => Err(format!("no chart kind {other:?}")),
        }
    }

    /// The SVG of one chart: a white page, `draw` given the caption and label areas.
    fn page(
        &self,
        draw: impl FnOnce(&mut ChartBuilder<'_, '_, SVGBackend<'_>>) -> Result<(), Box<dyn Error>>,
    ) -> Result<String, Box<dyn Error>> {
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
            root.fill(&WHITE)?;
            let mut builder = ChartBuilder::on(&root);
            builder
                .caption(self.title, ("sans-serif", 20))
                .margin(12)
                .x_label_area_size(40)
                .y_label_area_size(55);
            draw(&mut builder)?;
            root.present()?;
        }
        Ok(svg)
    }

    fn xy(&self) -> Result<String, Box<dyn Error>> {
        self.page(|b| {
            let mut chart = b.build_cartesian_2d(span(self.xs), span(self.ys))?;
            chart
                .configure_mesh()
                .x_desc(self.xlabel)
                .y_desc(self.ylabel)
                .draw()?;
            let points = self.xs.iter().copied().zip(self.ys.iter().copied());
            if self.kind == "line" {
                chart.draw_series(LineSeries::new(points, BLUE.stroke_width(2)))?;
            } else {
                chart.draw_series(points.map(|p| Circle::new(p, 3, BLUE.filled())))?;
            }
            Ok(())
        })
    }

    fn bars(&self) -> Result<String, Box<dyn Error>> {
        let n = self.ys.len();
        self.page(|b| {
            let mut chart =
                b.build_cartesian_2d((0..n - 1).into_segmented(), span_from_zero(self.ys))?;
            let labels = self.labels;
            chart
                .configure_mesh()
                .disable_x_mesh()
                .x_labels(n)
                .x_label_formatter(&|v| match v {
                    SegmentValue::CenterOf(i) => labels.get(*i).cloned().unwrap_or_default(),
                    _ => String::new(),
                })
                .x_desc(self.xlabel)
                .y_desc(self.ylabel)
                .draw()?;
            chart.draw_series(
                Histogram::vertical(&chart)
                    .style(BLUE.filled())
                    .margin(8)
                    .data(self.ys.iter().copied().enumerate()),
            )?;
            Ok(())
        })
    }

    fn hist(&self) -> Result<String, Box<dyn Error>> {
        let x = span(self.xs);
        let width = (x.end - x.start) / self.bins as f64;
        let mut counts = vec![0f64; self.bins];
        for v in self.xs.iter().filter(|v| v.is_finite()) {
            let i = (((v - x.start) / width) as usize).min(self.bins - 1);
            counts[i] += 1.0;
        }
        self.page(|b| {
            let mut chart = b.build_cartesian_2d(x.clone(), span_from_zero(&counts))?;
            chart
                .configure_mesh()
                .x_desc(self.xlabel)
                .y_desc(if self.ylabel.is_empty() {
                    "count"
                } else {
                    self.ylabel
                })
                .draw()?;
            chart.draw_series(counts.iter().enumerate().map(|(i, c)| {
                let x0 = x.start + width * i as f64;
                Rectangle::new([(x0, 0.0), (x0 + width, *c)], BLUE.filled())
            }))?;
            Ok(())
        })
    }
}

/// The range of the finite values, widened a little (and made non-empty).
fn span(v: &[f64]) -> Range<f64> {
    let finite = || v.iter().copied().filter(|x| x.is_finite());
    let lo = finite().fold(f64::INFINITY, f64::min);
    let hi = finite().fold(f64::NEG_INFINITY, f64::max);
    if !lo.is_finite() {
        return 0.0..1.0;
    }
    if lo == hi {
        return lo - 1.0..hi + 1.0;
    }
    let pad = (hi - lo) * 0.05;
    lo - pad..hi + pad
}

/// From zero (or the lowest negative value) to a little above the highest (or zero).
fn span_from_zero(v: &[f64]) -> Range<f64> {
    let finite = || v.iter().copied().filter(|x| x.is_finite());
    let lo = finite().fold(0.0, f64::min);
    let hi = finite().fold(0.0, f64::max);
    if lo == hi {
        return 0.0..1.0;
    }
    let pad = (hi - lo) * 0.05;
    lo - if lo < 0.0 { pad } else { 0.0 }..hi + if hi > 0.0 { pad } else { 0.0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart<'a>(kind: &'a str, xs: &'a [f64], ys: &'a [f64], labels: &'a [String]) -> Chart<'a> {
        Chart {
            kind,
            xs,
            ys,
            labels,
            title: "T",
            xlabel: "x",
            ylabel: "y",
            bins: 3,
        }
    }

    #[test]
    fn every_kind_draws_an_svg_with_its_title() {
        let labels = ["a".to_string(), "b".to_string()];
        for c in [
            chart("line", &[1.0, 2.0, 3.0], &[1.0, 4.0, 9.0], &[]),
            chart("scatter", &[1.0, 2.0], &[3.0, 3.0], &[]),
            chart("bar", &[], &[2.0, 5.0], &labels),
            chart("hist", &[1.0, 1.5, 2.0, 9.0], &[], &[]),
        ] {
            let svg = c.svg().unwrap();
            assert!(svg.starts_with("<svg"), "{}", &svg[..40]);
            assert!(svg.contains(">\nT\n</text>"), "{} has no title", c.kind);
        }
        let bars = chart("bar", &[], &[2.0, 5.0], &labels).svg().unwrap();
        assert!(bars.contains(">\na\n</text>") && bars.contains(">\nb\n</text>"));
        // One slot per bar (no empty one after the last), and a single bar draws too.
        let filled = |svg: &str| svg.matches("fill=\"#0000FF\"").count();
        assert_eq!(filled(&bars), 2, "{bars}");
        let one = chart("bar", &[], &[2.0], &labels[..1]).svg().unwrap();
        assert_eq!(filled(&one), 1);
        assert_eq!(span_from_zero(&[0.34, 0.34]), 0.0..0.34 + 0.34 * 0.05);
    }

    #[test]
    fn mismatched_or_empty_data_is_an_error_naming_the_helper() {
        let e = chart("line", &[1.0], &[1.0, 2.0], &[]).svg().unwrap_err();
        assert_eq!(e, "plot(): 1 x values but 2 y values");
        let e = chart("hist", &[], &[], &[]).svg().unwrap_err();
        assert_eq!(e, "hist(): there are no values to count");
    }
}
