package reader

import (
	"image"
	"testing"
)

// TestPreparerMakesARepeatedPrepOnce: the default plan's last pass reuses the
// second pass's image (the same pointer), made once; a prep listed once is made
// each time it is asked for (nothing kept), and a turned card is its own prep.
func TestPreparerMakesARepeatedPrepOnce(t *testing.T) {
	t.Parallel()
	img := image.NewGray(image.Rect(0, 0, 200, 120))
	plan := DefaultPlan()
	if plan[1].Prep != plan[len(plan)-1].Prep {
		t.Fatal("the default plan no longer repeats the second pass's prep; this test wants a new case")
	}
	p := newPreparer(img, plan)
	second := p.get(plan[1].Prep)
	if again := p.get(plan[len(plan)-1].Prep); again.Image != second.Image || p.made != 1 {
		t.Errorf("repeated prep made %d times (same image %v)", p.made, again.Image == second.Image)
	}
	p.get(plan[0].Prep)
	p.get(plan[0].Prep)
	if p.made != 3 {
		t.Errorf("a prep listed once: %d images made, want 3 in all", p.made)
	}
	turned := plan[1].Prep
	turned.Rotate180 = true
	if got := p.get(turned); got.Image == second.Image || p.made != 4 {
		t.Errorf("the turned prep shares the upright image (made %d)", p.made)
	}
	if len(p.kept) != 2 {
		t.Errorf("kept %d images, want the repeated prep upright and turned", len(p.kept))
	}
}
