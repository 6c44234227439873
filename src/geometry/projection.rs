//! Albers equal-area conic projection on a sphere, in kilometres. Pure.

const EARTH_RADIUS_KM: f64 = 6371.0;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Albers {
    lon0: f64,
    n: f64,
    c: f64,
    rho0: f64,
}

impl Albers {
    /// Standard parallels `lat1`, `lat2`, origin at (`lon0`, `lat0`), all in degrees.
    pub fn new(lat1: f64, lat2: f64, lon0: f64, lat0: f64) -> Self {
        let (p1, p2, p0) = (lat1.to_radians(), lat2.to_radians(), lat0.to_radians());
        let n = f64::midpoint(p1.sin(), p2.sin());
        let c = p1.cos().powi(2) + 2.0 * n * p1.sin();
        let rho0 = EARTH_RADIUS_KM * (c - 2.0 * n * p0.sin()).sqrt() / n;
        Self {
            lon0: lon0.to_radians(),
            n,
            c,
            rho0,
        }
    }

    /// The projection of atlases of China: parallels 25°N and 47°N, centred on 115°E.
    pub fn china() -> Self {
        Self::new(25.0, 47.0, 112.0, 35.0)
    }

    /// The Central Asia inset (the Western Liao lands).
    pub fn central_asia() -> Self {
        Self::new(38.0, 48.0, 80.0, 44.0)
    }

    /// (lon, lat) in degrees -> (x east, y north) in km.
    pub fn forward(&self, lon: f64, lat: f64) -> [f64; 2] {
        let rho = EARTH_RADIUS_KM
            * (self.c - 2.0 * self.n * lat.to_radians().sin())
                .max(0.0)
                .sqrt()
            / self.n;
        let theta = self.n * (lon.to_radians() - self.lon0);
        [rho * theta.sin(), self.rho0 - rho * theta.cos()]
    }

    /// (x, y) in km -> (lon, lat) in degrees.
    pub fn inverse(&self, x: f64, y: f64) -> [f64; 2] {
        let dy = self.rho0 - y;
        let rho = (x * x + dy * dy).sqrt().copysign(self.n);
        let theta = (x * self.n.signum()).atan2(dy * self.n.signum());
        let s = (self.c - (rho * self.n / EARTH_RADIUS_KM).powi(2)) / (2.0 * self.n);
        let lat = s.clamp(-1.0, 1.0).asin();
        let lon = self.lon0 + theta / self.n;
        [lon.to_degrees(), lat.to_degrees()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_over_the_map() {
        let p = Albers::china();
        for lon in (90..=140).step_by(5) {
            for lat in (15..=55).step_by(5) {
                let [x, y] = p.forward(f64::from(lon), f64::from(lat));
                let [lon2, lat2] = p.inverse(x, y);
                assert!((lon2 - f64::from(lon)).abs() < 1e-9, "lon {lon} -> {lon2}");
                assert!((lat2 - f64::from(lat)).abs() < 1e-9, "lat {lat} -> {lat2}");
            }
        }
    }

    #[test]
    fn origin_and_orientation() {
        let p = Albers::china();
        let [x, y] = p.forward(112.0, 35.0);
        assert!(x.abs() < 1e-9 && y.abs() < 1e-9);
        let east = p.forward(113.0, 35.0);
        let north = p.forward(112.0, 36.0);
        assert!(
            east[0] > 80.0 && east[0] < 100.0,
            "a degree of longitude at 35N is about 91 km"
        );
        assert!(
            north[1] > 105.0 && north[1] < 115.0,
            "a degree of latitude is about 111 km"
        );
    }

    #[test]
    fn equal_area() {
        // A 1x1 degree cell at 40N has area R^2 * dlon * (sin 41 - sin 40).
        let p = Albers::china();
        let corners = [
            p.forward(116.0, 40.0),
            p.forward(117.0, 40.0),
            p.forward(117.0, 41.0),
            p.forward(116.0, 41.0),
        ];
        let mut area = 0.0;
        for i in 0..4 {
            let [x1, y1] = corners[i];
            let [x2, y2] = corners[(i + 1) % 4];
            area += x1 * y2 - x2 * y1;
        }
        let area = area.abs() / 2.0;
        let expect = 6371.0f64.powi(2)
            * 1f64.to_radians()
            * (41f64.to_radians().sin() - 40f64.to_radians().sin());
        assert!((area - expect).abs() / expect < 0.002, "{area} vs {expect}");
    }
}
