{{- define "kyc.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}{{ .Release.Name | trunc 63 | trimSuffix "-" }}{{- else -}}{{ printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" }}{{- end -}}
{{- end -}}

{{- define "kyc.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "kyc.selector" -}}
app.kubernetes.io/name: {{ .root.Chart.Name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "kyc.image" -}}
{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}
{{- end -}}

{{/* Secret settings, each by reference to the operator's Secret. */}}
{{- define "kyc.secretEnv" -}}
{{- $s := .Values.secrets -}}
{{- range $key, $name := $s.keys }}
- name: {{ $name }}
  valueFrom:
    secretKeyRef:
      name: {{ $s.existingSecret }}
      key: {{ $name }}
      optional: {{ eq $key "redisURL" }}
{{- end }}
{{- end -}}

{{/* The pod spec both Deployments share; .component is serve or worker. */}}
{{- define "kyc.podSpec" -}}
{{- $v := .root.Values -}}
{{- with $v.imagePullSecrets }}
imagePullSecrets: {{- toYaml . | nindent 2 }}
{{- end }}
automountServiceAccountToken: false
securityContext: {{- toYaml $v.podSecurityContext | nindent 2 }}
containers:
  - name: {{ .component }}
    image: {{ include "kyc.image" .root }}
    imagePullPolicy: {{ $v.image.pullPolicy }}
    args: [{{ .component | quote }}]
    envFrom:
      - configMapRef:
          name: {{ include "kyc.fullname" .root }}
    env:
      {{- include "kyc.secretEnv" .root | nindent 6 }}
      {{- with .env }}
      {{- toYaml . | nindent 6 }}
      {{- end }}
    ports:
      {{- if eq .component "serve" }}
      - {name: http, containerPort: 8080}
      - {name: grpc, containerPort: 9090}
      {{- end }}
      - {name: metrics, containerPort: {{ $v.metricsPort }}}
    readinessProbe:
      httpGet: {path: /healthz, port: {{ .probePort }}}
      periodSeconds: 5
      failureThreshold: 3
    livenessProbe:
      httpGet: {path: /api/v1/health, port: {{ .probePort }}}
      periodSeconds: 10
      failureThreshold: 6
    startupProbe:
      httpGet: {path: /api/v1/health, port: {{ .probePort }}}
      periodSeconds: 2
      failureThreshold: 60
    resources: {{- toYaml .resources | nindent 6 }}
    securityContext: {{- toYaml $v.securityContext | nindent 6 }}
    volumeMounts:
      - {name: tmp, mountPath: /tmp}
volumes:
  - name: tmp
    emptyDir: {medium: Memory, sizeLimit: {{ $v.tmpSizeLimit }}}
{{- with $v.nodeSelector }}
nodeSelector: {{- toYaml . | nindent 2 }}
{{- end }}
{{- with $v.tolerations }}
tolerations: {{- toYaml . | nindent 2 }}
{{- end }}
{{- with $v.affinity }}
affinity: {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}
