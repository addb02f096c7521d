package deploytest

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	policyv1 "k8s.io/api/policy/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"sigs.k8s.io/yaml"
)

const chartDir = "../helm/kyc"

// rendered is a chart rendered by `helm template`, every object decoded strictly (an unknown or misplaced field
// fails the test) into its Kubernetes type.
type rendered struct {
	deployments map[string]*appsv1.Deployment
	jobs        map[string]*batchv1.Job
	hpas        []*autoscalingv2.HorizontalPodAutoscaler
	pdbs        []*policyv1.PodDisruptionBudget
	policies    map[string]*networkingv1.NetworkPolicy
	services    []*corev1.Service
	configMaps  []*corev1.ConfigMap
	other       []*unstructured.Unstructured // custom resources (ServiceMonitor)
}

// render runs helm (the deploy module's Go tool) on the chart with extra --set values.
func render(t *testing.T, set ...string) rendered {
	t.Helper()
	args := []string{"tool", "helm", "template", "kyc", chartDir, "--namespace", "kyc", "--kube-version", "1.31.0"}
	for _, s := range set {
		args = append(args, "--set", s)
	}
	out, err := exec.Command("go", args...).CombinedOutput()
	if err != nil {
		t.Fatalf("helm template: %v\n%s", err, out)
	}
	r := rendered{deployments: map[string]*appsv1.Deployment{}, jobs: map[string]*batchv1.Job{},
		policies: map[string]*networkingv1.NetworkPolicy{}}
	for _, doc := range bytes.Split(out, []byte("\n---")) {
		var head struct {
			Kind     string `json:"kind"`
			Metadata struct {
				Name string `json:"name"`
			} `json:"metadata"`
		}
		if err := yaml.Unmarshal(doc, &head); err != nil {
			t.Fatalf("not YAML: %v\n%s", err, doc)
		}
		if head.Kind == "" {
			continue
		}
		strict := func(into any) {
			if err := yaml.UnmarshalStrict(doc, into); err != nil {
				t.Fatalf("%s %s does not decode strictly: %v\n%s", head.Kind, head.Metadata.Name, err, doc)
			}
		}
		switch head.Kind {
		case "Deployment":
			d := &appsv1.Deployment{}
			strict(d)
			r.deployments[d.Name] = d
		case "Job":
			j := &batchv1.Job{}
			strict(j)
			r.jobs[j.Name] = j
		case "HorizontalPodAutoscaler":
			h := &autoscalingv2.HorizontalPodAutoscaler{}
			strict(h)
			r.hpas = append(r.hpas, h)
		case "PodDisruptionBudget":
			p := &policyv1.PodDisruptionBudget{}
			strict(p)
			r.pdbs = append(r.pdbs, p)
		case "NetworkPolicy":
			n := &networkingv1.NetworkPolicy{}
			strict(n)
			r.policies[n.Name] = n
		case "Service":
			s := &corev1.Service{}
			strict(s)
			r.services = append(r.services, s)
		case "ConfigMap":
			c := &corev1.ConfigMap{}
			strict(c)
			r.configMaps = append(r.configMaps, c)
		case "ServiceMonitor":
			u := &unstructured.Unstructured{}
			strict(&u.Object)
			r.other = append(r.other, u)
		default:
			t.Fatalf("unexpected kind %s in the chart: add it to the test", head.Kind)
		}
	}
	return r
}

func TestHelmDeployments(t *testing.T) {
	r := render(t)
	for _, c := range []struct {
		name, probePort string
		minMemory       string
	}{
		{"kyc-serve", "http", "256Mi"},
		{"kyc-worker", "metrics", "512Mi"},
	} {
		d := r.deployments[c.name]
		if d == nil {
			t.Fatalf("no Deployment %s (have %v)", c.name, keys(r.deployments))
		}
		pod := d.Spec.Template.Spec
		if len(pod.Containers) != 1 {
			t.Fatalf("%s: %d containers", c.name, len(pod.Containers))
		}
		ct := pod.Containers[0]
		checkProbe(t, c.name+" readiness", ct.ReadinessProbe, "/healthz", c.probePort)
		checkProbe(t, c.name+" liveness", ct.LivenessProbe, "/api/v1/health", c.probePort)
		checkSecurity(t, c.name, pod, ct)
		if q := ct.Resources.Requests[corev1.ResourceMemory]; q.Cmp(resource.MustParse(c.minMemory)) < 0 {
			t.Errorf("%s requests %s memory, the measured RSS needs %s", c.name, q.String(), c.minMemory)
		}
		if ct.Resources.Requests.Cpu().IsZero() || ct.Resources.Limits.Memory().IsZero() {
			t.Errorf("%s: no CPU request or memory limit: %+v", c.name, ct.Resources)
		}
		if !slices.ContainsFunc(pod.Volumes, func(v corev1.Volume) bool {
			return v.Name == "tmp" && v.EmptyDir != nil && v.EmptyDir.Medium == corev1.StorageMediumMemory
		}) {
			t.Errorf("%s: /tmp is not an in-memory emptyDir", c.name)
		}
		// Secrets by reference only: no env value is written into the manifest for a secret setting.
		for _, e := range ct.Env {
			if secretName.MatchString(e.Name) && (e.Value != "" || e.ValueFrom == nil || e.ValueFrom.SecretKeyRef == nil) {
				t.Errorf("%s: %s is not taken from a Secret", c.name, e.Name)
			}
		}
	}
	if got := r.deployments["kyc-serve"].Spec.Replicas; got == nil || *got < 2 {
		t.Errorf("serve replicas = %v, want at least 2", got)
	}
}

func TestHelmMigrationIsAHook(t *testing.T) {
	r := render(t)
	j := r.jobs["kyc-migrate"]
	if j == nil {
		t.Fatal("no migration Job")
	}
	if hook := j.Annotations["helm.sh/hook"]; hook != "pre-install,pre-upgrade" {
		t.Errorf("migration hook = %q", hook)
	}
	pod := j.Spec.Template.Spec
	if !slices.Equal(pod.Containers[0].Args, []string{"migrate"}) || pod.RestartPolicy != corev1.RestartPolicyNever {
		t.Errorf("migration runs %v (restart %s)", pod.Containers[0].Args, pod.RestartPolicy)
	}
	checkSecurity(t, "migrate", pod, pod.Containers[0])
	// A hook runs before the release's ConfigMap exists: the Job must not need it.
	if len(pod.Containers[0].EnvFrom) != 0 {
		t.Errorf("migration Job reads %v, which does not exist yet at pre-install", pod.Containers[0].EnvFrom)
	}
	if off := render(t, "migration.enabled=false"); len(off.jobs) != 0 {
		t.Error("migration.enabled=false still renders the Job")
	}
}

func TestHelmAutoscalingAndDisruption(t *testing.T) {
	r := render(t)
	if len(r.hpas) != 1 || r.hpas[0].Spec.ScaleTargetRef.Name != "kyc-worker" {
		t.Fatalf("HPAs: %+v", r.hpas)
	}
	if m := r.hpas[0].Spec.Metrics; len(m) != 1 || m[0].Resource == nil || m[0].Resource.Name != corev1.ResourceCPU {
		t.Errorf("HPA metrics = %+v, want CPU only by default", m)
	}
	if r.deployments["kyc-worker"].Spec.Replicas != nil {
		t.Error("worker replicas are set while the HPA owns them")
	}
	q := render(t, "worker.autoscaling.queueDepth.enabled=true")
	if m := q.hpas[0].Spec.Metrics; len(m) != 2 || m[1].Pods == nil || m[1].Pods.Metric.Name != "kyc_river_queue_depth" {
		t.Errorf("queue-depth metric missing: %+v", m)
	}
	if len(r.pdbs) != 2 {
		t.Errorf("PodDisruptionBudgets = %d, want serve and worker", len(r.pdbs))
	}
}

func TestHelmNetworkPolicy(t *testing.T) {
	r := render(t)
	for _, name := range []string{"kyc-serve", "kyc-worker"} {
		p := r.policies[name]
		if p == nil {
			t.Fatalf("no NetworkPolicy %s", name)
		}
		if !slices.Contains(p.Spec.PolicyTypes, networkingv1.PolicyTypeEgress) {
			t.Errorf("%s does not restrict egress", name)
		}
		var ports []int32
		internet := false
		for _, e := range p.Spec.Egress {
			for _, port := range e.Ports {
				ports = append(ports, port.Port.IntVal)
			}
			for _, to := range e.To {
				if to.IPBlock != nil && to.IPBlock.CIDR == "0.0.0.0/0" {
					internet = true
					if !slices.Contains(to.IPBlock.Except, "10.0.0.0/8") {
						t.Errorf("%s: internet egress includes private ranges", name)
					}
				}
			}
		}
		for _, want := range []int32{53, 5432, 6379, 9000, 443} {
			if !slices.Contains(ports, want) {
				t.Errorf("%s: no egress on port %d (have %v)", name, want, ports)
			}
		}
		if !internet {
			t.Errorf("%s: no egress to webhook endpoints", name)
		}
	}
}

func TestHelmServiceMonitorOptional(t *testing.T) {
	if r := render(t); len(r.other) != 0 {
		t.Fatal("ServiceMonitor rendered by default")
	}
	r := render(t, "serviceMonitor.enabled=true")
	if len(r.other) != 1 || r.other[0].GetKind() != "ServiceMonitor" {
		t.Fatalf("ServiceMonitor not rendered: %v", r.other)
	}
	eps, _, _ := unstructured.NestedSlice(r.other[0].Object, "spec", "endpoints")
	if len(eps) != 1 || eps[0].(map[string]any)["port"] != "metrics" {
		t.Errorf("ServiceMonitor endpoints = %v", eps)
	}
}

// The values table in the chart's README documents every top-level value.
func TestHelmValuesDocumented(t *testing.T) {
	values, err := os.ReadFile(filepath.Join(chartDir, "values.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile(filepath.Join(chartDir, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	var v map[string]any
	if err := yaml.Unmarshal(values, &v); err != nil {
		t.Fatal(err)
	}
	for k := range v {
		if !strings.Contains(string(readme), "`"+k) {
			t.Errorf("value %s is not in the README's table", k)
		}
	}
}

func checkProbe(t *testing.T, what string, p *corev1.Probe, path, port string) {
	t.Helper()
	if p == nil || p.HTTPGet == nil {
		t.Errorf("%s: no HTTP probe", what)
		return
	}
	if p.HTTPGet.Path != path || p.HTTPGet.Port.String() != port {
		t.Errorf("%s probe = %s on %s, want %s on %s", what, p.HTTPGet.Path, p.HTTPGet.Port.String(), path, port)
	}
}

func checkSecurity(t *testing.T, what string, pod corev1.PodSpec, c corev1.Container) {
	t.Helper()
	ps, cs := pod.SecurityContext, c.SecurityContext
	if ps == nil || ps.RunAsNonRoot == nil || !*ps.RunAsNonRoot || ps.RunAsUser == nil || *ps.RunAsUser == 0 {
		t.Errorf("%s: pod may run as root: %+v", what, ps)
	}
	if cs == nil || cs.ReadOnlyRootFilesystem == nil || !*cs.ReadOnlyRootFilesystem {
		t.Errorf("%s: root filesystem is writable", what)
	}
	if cs == nil || cs.AllowPrivilegeEscalation == nil || *cs.AllowPrivilegeEscalation {
		t.Errorf("%s: privilege escalation allowed", what)
	}
	if cs == nil || cs.Capabilities == nil || !slices.Contains(cs.Capabilities.Drop, corev1.Capability("ALL")) {
		t.Errorf("%s: capabilities not dropped", what)
	}
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
