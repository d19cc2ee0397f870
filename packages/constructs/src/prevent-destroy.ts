import { TerraformResource, TerraformStack, type IAspect } from 'cdktf';
import type { IConstruct } from 'constructs';
import { isStatefulResourceType, type EnvironmentConfig } from '@tap/config';

/**
 * Puts `lifecycle.prevent_destroy` on every stateful resource of a stack when the profile asks for it
 * (`protection.preventDestroy`). An aspect rather than a flag per construct, so a stateful resource added
 * later is protected without anyone remembering to. Terraform then refuses any plan that would destroy or
 * replace one, naming the resource, before anything is deleted. A resource listed in
 * `protection.releasedFromPreventDestroy` (`<stack>.<type>.<logical id>`) is left out: the documented
 * override for one reviewed change.
 */
export class PreventDestroyAspect implements IAspect {
  constructor(private readonly config: EnvironmentConfig) {}

  visit(node: IConstruct): void {
    if (!this.config.protection.preventDestroy || !(node instanceof TerraformResource)) return;
    if (!isStatefulResourceType(node.terraformResourceType)) return;
    const address = `${TerraformStack.of(node).node.id}.${node.terraformResourceType}.${node.friendlyUniqueId}`;
    if (this.config.protection.releasedFromPreventDestroy.includes(address)) return;
    node.lifecycle = { ...node.lifecycle, preventDestroy: true };
  }
}
