#!/usr/bin/env bash
# Prints the local Terraform plugin directory holding the AWS provider (the folder that contains
# registry.terraform.io/), or nothing. Looks at the usual places first, then searches the disk.
set -uo pipefail
for candidate in "${TF_PLUGIN_DIR:-}" /opt/tf-plugins "$HOME/.terraform.d/plugins" /usr/local/share/terraform/plugins /usr/share/terraform/plugins; do
  if [ -n "$candidate" ] && [ -d "$candidate/registry.terraform.io/hashicorp/aws" ]; then echo "$candidate"; exit 0; fi
done
binary=$(find / -path /proc -prune -o -name 'terraform-provider-aws_*' -print 2>/dev/null | head -n 1)
[ -n "$binary" ] || exit 1
# <dir>/registry.terraform.io/hashicorp/aws/<version>/<os_arch>/terraform-provider-aws_*
echo "${binary%/registry.terraform.io/*}"
