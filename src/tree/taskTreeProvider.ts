import * as vscode from 'vscode';
import { TaskStore } from '../core/taskStore';
import { buildFamilyView, FamilyView } from '../core/taskFamily';
import { parentOf, TrackedTask } from '../core/trackedTask';
import { statusGroupLabel, trackedIconState } from '../core/statusVocabulary';
import { GroupBy, StatusGroup, TaskView, buildTaskView, groupKeyOf, sortKey } from '../core/taskView';
import { COMMANDS, TREE_ITEM_FLAGS } from '../ids';
import { SavedTasks } from '../save/savedTasks';
import { ProviderRegistry } from '../providers/providerRegistry';
import { taskContextValue } from './contextValue';
import { statusThemeIcon } from './statusIcon';
import { HoverThumbnails } from './hoverThumbnails';
import { taskImageUrl, taskItemDescription, taskItemLabel, taskTooltipMarkdown } from './taskItemText';
import { ViewState } from './viewState';

export type TaskNode = { readonly kind: 'task'; readonly id: string };
export type GroupNode = { readonly kind: 'group'; readonly key: string; readonly groupBy: GroupBy };
export type TreeNode = TaskNode | GroupNode;

function groupLabel(node: GroupNode): string {
  if (node.groupBy === 'provider') {
    return node.key;
  }
  return statusGroupLabel(node.key as StatusGroup);
}

/**
 * Mirrors the store. A change that keeps a task in its place refreshes that one item; only
 * membership, order or group changes rebuild the list.
 */
export class TaskTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | TreeNode[] | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly thumbnails = new HoverThumbnails();
  private readonly disposables: vscode.Disposable[] = [this.changed, this.thumbnails];
  private readonly taskNodes = new Map<string, TaskNode>();
  private readonly groupNodes = new Map<string, GroupNode>();
  private view: TaskView | undefined;
  /** The view nested by families; null while the flat list is shown. */
  private family: FamilyView | null = null;
  /** Where each shown task sits, to tell a move from an in-place change. */
  private placement = new Map<string, { group: string; sort: number; parent: string | null }>();

  constructor(
    private readonly store: TaskStore,
    private readonly viewState: ViewState,
    private readonly providers: ProviderRegistry,
    private readonly saved?: SavedTasks,
  ) {
    if (saved) {
      this.disposables.push(saved.onDidChange((id) => this.store.get(id) && this.changed.fire([this.taskNode(id)])));
    }
    this.disposables.push(
      store.onDidChange((e) => this.onStoreChange(e.changed, e.added.length + e.removed.length > 0)),
      viewState.onDidChange(() => this.refreshAll()),
      providers.onDidChange(() => this.refreshAll()),
    );
  }

  /** The current list in display order (tests, keyboard navigation, commands that pick). */
  currentView(): TaskView {
    if (!this.view) {
      this.view = buildTaskView(this.store.all(), this.viewState.groupBy, this.viewState.filter);
      this.family = this.viewState.familyTree ? buildFamilyView(this.view, (id) => this.store.get(id)) : null;
      this.placement = new Map();
      for (const g of this.view.groups) {
        for (const id of g.ids) {
          const t = this.store.get(id);
          if (t) {
            this.placement.set(id, { group: g.key, sort: sortKey(t), parent: parentOf(t) });
          }
        }
      }
    }
    return this.view;
  }

  /** Whether the task has a row now (tracked, and not filtered out). */
  isShown(id: string): boolean {
    this.currentView();
    return this.placement.has(id);
  }

  refreshAll(): void {
    this.view = undefined;
    this.changed.fire(undefined);
  }

  private onStoreChange(changed: readonly TrackedTask[], membership: boolean): void {
    if (membership || !this.view) {
      this.refreshAll();
      return;
    }
    const groupBy = this.viewState.groupBy;
    const nodes: TreeNode[] = [];
    for (const t of changed) {
      const placed = this.placement.get(t.id);
      if (
        !placed ||
        placed.group !== groupKeyOf(t, groupBy) ||
        placed.sort !== sortKey(t) ||
        placed.parent !== parentOf(t) ||
        this.viewState.describeFilter()
      ) {
        // It moves, appears or may leave the filtered list: the list itself changes.
        this.refreshAll();
        return;
      }
      nodes.push(this.taskNode(t.id));
    }
    if (nodes.length) {
      this.changed.fire(nodes);
    }
  }

  /** The one node of a task (TreeView.reveal finds rows by node identity). */
  taskNode(id: string): TaskNode {
    let node = this.taskNodes.get(id);
    if (!node) {
      node = { kind: 'task', id };
      this.taskNodes.set(id, node);
    }
    return node;
  }

  private groupNode(key: string, groupBy: GroupBy): GroupNode {
    const cacheKey = `${groupBy}:${key}`;
    let node = this.groupNodes.get(cacheKey);
    if (!node) {
      node = { kind: 'group', key, groupBy };
      this.groupNodes.set(cacheKey, node);
    }
    return node;
  }

  getChildren(element?: TreeNode): TreeNode[] {
    const view = this.currentView();
    const family = this.family;
    // The top of a group (the first when not grouping): its families' roots, or every task.
    const topOf = (key: string | undefined): readonly string[] => {
      const i = key === undefined ? 0 : view.groups.findIndex((g) => g.key === key);
      return (family ? family.groups[i]?.roots : view.groups[i]?.ids) ?? [];
    };
    if (!element) {
      const groupBy = this.viewState.groupBy;
      if (groupBy === 'none') {
        return topOf(undefined).map((id) => this.taskNode(id));
      }
      return view.groups.map((g) => this.groupNode(g.key, groupBy));
    }
    if (element.kind === 'group') {
      return topOf(element.key).map((id) => this.taskNode(id));
    }
    return (family?.children.get(element.id) ?? []).map((id) => this.taskNode(id));
  }

  getParent(element: TreeNode): TreeNode | undefined {
    if (element.kind === 'group') {
      return undefined;
    }
    this.currentView();
    const parent = this.family?.parents.get(element.id);
    if (parent !== undefined) {
      return this.taskNode(parent);
    }
    const groupBy = this.viewState.groupBy;
    const placed = this.placement.get(element.id);
    return placed && groupBy !== 'none' ? this.groupNode(placed.group, groupBy) : undefined;
  }

  getTreeItem(element: TreeNode): vscode.TreeItem {
    if (element.kind === 'group') {
      const count = this.currentView().groups.find((g) => g.key === element.key)?.ids.length ?? 0;
      const item = new vscode.TreeItem(groupLabel(element), vscode.TreeItemCollapsibleState.Expanded);
      item.id = `group:${element.groupBy}:${element.key}`;
      item.description = String(count);
      item.contextValue = TREE_ITEM_FLAGS.group;
      return item;
    }
    const t = this.store.get(element.id);
    if (!t) {
      return new vscode.TreeItem(element.id);
    }
    const label = taskItemLabel(t);
    const hasChildren = (this.family?.children.get(t.id)?.length ?? 0) > 0;
    const item = new vscode.TreeItem(label, hasChildren ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
    // VS Code keeps a row's collapsed state by its id, and a row first shown without children is
    // kept collapsed when it gains some: a task that becomes a parent (its first upscale, say) gets
    // a new id, so its family opens as Expanded says, even when no reveal gets there first.
    item.id = hasChildren ? `family:${t.id}` : `task:${t.id}`;
    const savedFiles = this.saved?.files(t.id) ?? [];
    item.description = taskItemDescription(t, Date.now(), savedFiles.length > 0);
    item.iconPath = statusThemeIcon(trackedIconState(t));
    // The tooltip comes in resolveTreeItem, on hover: none is built for rows nobody points at.
    item.contextValue = taskContextValue(t);
    item.accessibilityInformation = { label: `${label}, ${item.description}` };
    item.command = { command: COMMANDS.openPreview, title: vscode.l10n.t('Open in Preview'), arguments: [element] };
    return item;
  }

  /** The row's tooltip, on hover, with its thumbnail (an http: image fetched, as the workbench loads only https:). */
  async resolveTreeItem(item: vscode.TreeItem, element: TreeNode, token: vscode.CancellationToken): Promise<vscode.TreeItem> {
    if (element.kind !== 'task') return item;
    const tracked = this.store.get(element.id);
    if (!tracked) return item;
    const thumbnail = await this.thumbnails.source(taskImageUrl(tracked));
    // The store may have moved on while the image came.
    const t = this.store.get(element.id);
    if (!t || token.isCancellationRequested) return item;
    const savedTo = (this.saved?.files(t.id) ?? []).map((f) => f.file).join(', ');
    // Untrusted, no HTML, no theme icons: the Markdown holds server text (made inert in taskItemText.ts).
    const tooltip = new vscode.MarkdownString(taskTooltipMarkdown(t, this.providers.list().length, { savedTo, thumbnail }), false);
    tooltip.isTrusted = false;
    tooltip.supportHtml = false;
    item.tooltip = tooltip;
    return item;
  }

  dispose(): void {
    vscode.Disposable.from(...this.disposables).dispose();
  }
}
