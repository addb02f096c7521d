package cardkit

import (
	"image"
	"image/color"
	"image/draw"
	"math"

	"github.com/disintegration/imaging"
)

// photo draws a passport-style photo into r: the given face scaled to fill the
// box (centre crop), or a grey silhouette when face is nil or empty.
func (c *canvas) photo(r image.Rectangle, face image.Image) {
	fb := image.Rectangle{}
	if face != nil {
		fb = face.Bounds()
	}
	switch {
	case fb.Empty():
		c.silhouette(r)
	case fb.Dx() > 1<<15 || fb.Dy() > 1<<15: // unbounded (image.Uniform) or absurd: draw as a texture
		draw.Draw(c.img, r, face, fb.Min, draw.Src)
	default:
		fitted := imaging.Fill(face, r.Dx(), r.Dy(), imaging.Center, imaging.Lanczos)
		draw.Draw(c.img, r, fitted, image.Point{}, draw.Src)
	}
	c.frame(r, color.RGBA{90, 90, 90, 255}, 2)
}

// silhouette is a head-and-shoulders placeholder, dark enough to look like a
// photo to layout analysis but without any face.
func (c *canvas) silhouette(r image.Rectangle) {
	c.fill(r, color.RGBA{205, 215, 225, 255})
	fg := color.RGBA{120, 130, 140, 255}
	w, h := float64(r.Dx()), float64(r.Dy())
	cx := float64(r.Min.X) + w/2
	headY, headR := float64(r.Min.Y)+h*0.38, w*0.22
	shY, shRX, shRY := float64(r.Max.Y), w*0.45, h*0.30
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			fx, fy := float64(x)+0.5, float64(y)+0.5
			inHead := math.Hypot(fx-cx, (fy-headY)*0.85) < headR
			dx, dy := (fx-cx)/shRX, (fy-shY)/shRY
			if inHead || dx*dx+dy*dy < 1 {
				c.img.Set(x, y, fg)
			}
		}
	}
}

// frame draws a rectangle outline of thickness t inside r.
func (c *canvas) frame(r image.Rectangle, col color.Color, t int) {
	c.fill(image.Rect(r.Min.X, r.Min.Y, r.Max.X, r.Min.Y+t), col)
	c.fill(image.Rect(r.Min.X, r.Max.Y-t, r.Max.X, r.Max.Y), col)
	c.fill(image.Rect(r.Min.X, r.Min.Y, r.Min.X+t, r.Max.Y), col)
	c.fill(image.Rect(r.Max.X-t, r.Min.Y, r.Max.X, r.Max.Y), col)
}

// disc draws a filled circle; used for emblem and logo stand-ins (the real
// emblems are not reproduced).
func (c *canvas) disc(cx, cy, radius int, col color.Color) {
	for y := cy - radius; y <= cy+radius; y++ {
		for x := cx - radius; x <= cx+radius; x++ {
			if (x-cx)*(x-cx)+(y-cy)*(y-cy) <= radius*radius {
				c.img.Set(x, y, col)
			}
		}
	}
}

// ring draws a circle outline, a stand-in for seals and logos.
func (c *canvas) ring(cx, cy, radius, t int, col color.Color) {
	for y := cy - radius; y <= cy+radius; y++ {
		for x := cx - radius; x <= cx+radius; x++ {
			d := (x-cx)*(x-cx) + (y-cy)*(y-cy)
			if d <= radius*radius && d >= (radius-t)*(radius-t) {
				c.img.Set(x, y, col)
			}
		}
	}
}

// codeBlock draws a QR-like square of random-looking modules derived from a
// string (not a decodable QR code; the real ones carry signed data).
func (c *canvas) codeBlock(r image.Rectangle, seed string) {
	c.fill(r, color.White)
	const n = 25
	cell := r.Dx() / n
	h := uint32(2166136261)
	for i := range seed {
		h = (h ^ uint32(seed[i])) * 16777619
	}
	for y := range n {
		for x := range n {
			h ^= h << 13
			h ^= h >> 17
			h ^= h << 5
			finder := (x < 7 && y < 7) || (x >= n-7 && y < 7) || (x < 7 && y >= n-7)
			on := h%2 == 0
			if finder {
				fx, fy := x%(n-7), y%(n-7)
				on = fx == 0 || fx == 6 || fy == 0 || fy == 6 || (fx >= 2 && fx <= 4 && fy >= 2 && fy <= 4)
			}
			if on {
				c.fill(image.Rect(r.Min.X+x*cell, r.Min.Y+y*cell, r.Min.X+(x+1)*cell, r.Min.Y+(y+1)*cell), black)
			}
		}
	}
}

// signature draws a wavy pen stroke, so the card has the usual non-text ink.
func (c *canvas) signature(x, y, w int) {
	for i := range w {
		t := float64(i) / float64(w)
		yy := y + int(10*math.Sin(t*17)+6*math.Sin(t*5))
		c.fill(image.Rect(x+i, yy, x+i+2, yy+3), darkBlue)
	}
}
