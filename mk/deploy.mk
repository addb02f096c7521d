# Deployment (deploy/): the Compose file, the Helm chart and the container image. Their tests live in their own
# Go module (deploy/go.mod), so compose-go, helm and the Kubernetes API types never enter the server's build.

# The image's tools are installed by `make image` only: run and test never need them.
IMAGE_DEB_PACKAGES := mmdebstrap buildah uidmap bc
TEST_EXTRA += test-deploy

.PHONY: test-deploy image
test-deploy: ## Compose file (compose-go) and Helm chart (helm template, strict k8s types) tests
	cd deploy && go test -count=1 ./...

# The image needs root (mmdebstrap, chroot, mount namespaces), Debian's package mirror, and the face models.
image: build face-models postgres redis versitygw ## OCI image from Debian packages (mmdebstrap + buildah), smoke-tested
	@$(MAKE) --no-print-directory debs DEB_PACKAGES="$(IMAGE_DEB_PACKAGES)"
	IMAGE=$(or $(IMAGE),localhost/enxtai/kyc-server:latest) deploy/image/build.sh $(CURDIR)
