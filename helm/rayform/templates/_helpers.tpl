{{/*
Names, labels and shared pieces of the rayform chart.
*/}}

{{- define "rayform.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* RELEASE-rayform, or RELEASE when it already holds the chart name; 40 characters leave room for suffixes. */}}
{{- define "rayform.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 40 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 40 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 40 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "rayform.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "rayform.selectorLabels" -}}
app.kubernetes.io/name: {{ include "rayform.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "rayform.labels" -}}
helm.sh/chart: {{ include "rayform.chart" . }}
{{ include "rayform.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: rayform
{{- end }}

{{- define "rayform.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "rayform.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
image: the role's image (the Dockerfile's targets): .Values.image.repository + "-gateway" or "-worker",
with .Values.image's tag; a component's own image (dict "root" $ "role" "worker" "image" .component.image)
overrides the repository (taken as it is), the tag or the pull policy.
*/}}
{{- define "rayform.image" -}}
{{- $base := deepCopy .root.Values.image }}
{{- $_ := set $base "repository" (printf "%s-%s" $base.repository .role) }}
{{- $img := mergeOverwrite $base (.image | default dict) }}
{{- printf "%s:%s" $img.repository (default .root.Chart.AppVersion ($img.tag | toString) | toString) }}
{{- end }}

{{- define "rayform.imagePullPolicy" -}}
{{- $img := mergeOverwrite (deepCopy .root.Values.image) (.image | default dict) }}
{{- $img.pullPolicy }}
{{- end }}

{{/* The chart's Secret (PostgreSQL URL, S3 keys, dev key given as values). */}}
{{- define "rayform.secretName" -}}
{{- printf "%s-secrets" (include "rayform.fullname" .) }}
{{- end }}

{{- define "rayform.configName" -}}
{{- printf "%s-config" (include "rayform.fullname" .) }}
{{- end }}

{{/* Where the PostgreSQL URL lives: an existing Secret, or the chart's. */}}
{{- define "rayform.pgSecretName" -}}
{{- if .Values.postgresql.existingSecret }}
{{- .Values.postgresql.existingSecret }}
{{- else }}
{{- include "rayform.secretName" . }}
{{- end }}
{{- end }}

{{- define "rayform.pgSecretKey" -}}
{{- if .Values.postgresql.existingSecret }}
{{- .Values.postgresql.existingSecretKey }}
{{- else -}}
pg-url
{{- end }}
{{- end }}

{{/* Fails rendering with a clear message when an external service is not configured. */}}
{{- define "rayform.validate" -}}
{{- $_ := required "kafka.bootstrapServers is required: the Kafka bootstrap servers (host:port[,host:port])" .Values.kafka.bootstrapServers }}
{{- $_ := required "store.url is required: s3://bucket?endpoint=...&region=..." .Values.store.url }}
{{- if not (or .Values.postgresql.url .Values.postgresql.existingSecret) }}
{{- fail "postgresql.url or postgresql.existingSecret is required: postgresql://user:password@host:port/database" }}
{{- end }}
{{- if and .Values.postgresql.url (not (hasPrefix "postgres" .Values.postgresql.url)) }}
{{- fail "postgresql.url must look like postgresql://user:password@host:port/database" }}
{{- end }}
{{- $c := .Values.store.credentials }}
{{- if and (not $c.existingSecret) (ne (empty $c.accessKey) (empty $c.secretKey)) }}
{{- fail "store.credentials.accessKey and secretKey go together (or give neither, for the AWS SDK's default chain)" }}
{{- end }}
{{- end }}

{{/* True ("true") when the chart's Secret has anything to hold. */}}
{{- define "rayform.secretNeeded" -}}
{{- $c := .Values.store.credentials }}
{{- if or (and .Values.postgresql.url (not .Values.postgresql.existingSecret)) (and $c.accessKey (not $c.existingSecret)) (and .Values.devKey.value (not .Values.devKey.existingSecret)) -}}
true
{{- end }}
{{- end }}

{{/* Environment every serve process shares: the ConfigMap, then the secrets. */}}
{{- define "rayform.sharedEnv" -}}
- name: RAYFORM_PG
  valueFrom:
    secretKeyRef:
      name: {{ include "rayform.pgSecretName" . }}
      key: {{ include "rayform.pgSecretKey" . }}
{{- $c := .Values.store.credentials }}
{{- if or $c.existingSecret $c.accessKey }}
- name: RAYFORM_STORE_ACCESS_KEY
  valueFrom:
    secretKeyRef:
      name: {{ $c.existingSecret | default (include "rayform.secretName" .) }}
      key: {{ ternary $c.accessKeyKey "store-access-key" (not (empty $c.existingSecret)) }}
- name: RAYFORM_STORE_SECRET_KEY
  valueFrom:
    secretKeyRef:
      name: {{ $c.existingSecret | default (include "rayform.secretName" .) }}
      key: {{ ternary $c.secretKeyKey "store-secret-key" (not (empty $c.existingSecret)) }}
{{- end }}
{{- if or .Values.devKey.existingSecret .Values.devKey.value }}
- name: RAYFORM_DEV_KEY
  valueFrom:
    secretKeyRef:
      name: {{ .Values.devKey.existingSecret | default (include "rayform.secretName" .) }}
      key: {{ ternary .Values.devKey.existingSecretKey "dev-key" (not (empty .Values.devKey.existingSecret)) }}
{{- end }}
{{- end }}

{{/* Pod annotations that roll the pods when configuration or secrets change. */}}
{{- define "rayform.configChecksums" -}}
checksum/config: {{ include (print .Template.BasePath "/configmap.yaml") . | sha256sum }}
checksum/secrets: {{ include (print .Template.BasePath "/secret.yaml") . | sha256sum }}
{{- end }}

{{/* The scratch volumes every container mounts: /data (data dir, worker scratch, DJL's libtorch) and /tmp. */}}
{{- define "rayform.scratchVolumes" -}}
- name: data
  emptyDir: {{ if .data }}{sizeLimit: {{ .data | quote }}}{{ else }}{}{{ end }}
- name: tmp
  emptyDir: {{ if .tmp }}{sizeLimit: {{ .tmp | quote }}}{{ else }}{}{{ end }}
{{- end }}

{{- define "rayform.scratchMounts" -}}
- name: data
  mountPath: /data
- name: tmp
  mountPath: /tmp
{{- end }}

{{/*
A worker group's settings: workers.defaults with the group's own keys on top. A key the group sets
replaces the default's value whole (maps are not merged), so `false` and `0` override too.
Call with (dict "root" $ "name" NAME "group" GROUP).
*/}}
{{- define "rayform.workerGroup" -}}
{{- $w := deepCopy .root.Values.workers.defaults }}
{{- range $k, $v := .group }}
{{- $_ := set $w $k $v }}
{{- end }}
{{- $allowed := list "reconstruct" "catalog" "dataset" "train" "evaluate" }}
{{- if not $w.jobTypes }}
{{- fail (printf "workers.groups.%s.jobTypes is empty: list the job types this group takes (%s)" .name (join ", " $allowed)) }}
{{- end }}
{{- range $w.jobTypes }}
{{- if not (has . $allowed) }}
{{- fail (printf "workers.groups.%s.jobTypes: unknown job type %q (known: %s)" $.name . (join ", " $allowed)) }}
{{- end }}
{{- end }}
{{- toYaml $w }}
{{- end }}

{{- define "rayform.workerSelectorLabels" -}}
{{ include "rayform.selectorLabels" .root }}
app.kubernetes.io/component: worker
rayform.dev/worker-group: {{ .name }}
{{- end }}
