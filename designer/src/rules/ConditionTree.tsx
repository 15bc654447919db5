/**
 * The condition tree editor: all / any groups (switchable), not groups, nested up to the depth
 * the schema allows, with leaves edited by LeafEditor. Every edit goes through model/tree.ts.
 */
import { Button, Radio, Space, Tag, Tooltip, Typography } from 'antd';
import { ApartmentOutlined, ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined, StopOutlined, UndoOutlined } from '@ant-design/icons';
import type { MasterData } from '../../../definitions/master-data/schema';
import type { Finding } from '../../../definitions/validation/finding';
import { useT } from '../i18n';
import type { FactCatalog } from './model/catalog';
import { newLeaf } from './model/leaf';
import * as tree from './model/tree';
import type { CondNode, PathToken } from './model/tree';
import { LeafEditor } from './LeafEditor';
import { FieldProblems } from './Problems';
import './messages';

interface Shared {
  root: CondNode;
  catalog: FactCatalog;
  masterData: MasterData | undefined;
  findings: readonly Finding[];
  onChange: (root: CondNode) => void;
}

export function ConditionTree(props: Shared) {
  return (
    <div data-testid="condition-tree">
      <NodeEditor {...props} node={props.root} path={[]} />
    </div>
  );
}

function NodeEditor(props: Shared & { node: CondNode; path: PathToken[] }) {
  const { node, path, root, onChange, catalog } = props;
  const pointer = tree.pointerOf(path);
  const kind = tree.groupKind(node);
  if (kind === undefined) {
    return (
      <LeafEditor
        leaf={node}
        pointer={pointer}
        catalog={catalog}
        masterData={props.masterData}
        findings={props.findings}
        onChange={(leaf) => onChange(tree.updateAt(root, path, () => leaf))}
        onRemove={() => onChange(tree.removeAt(root, path))}
        onNegate={() => onChange(tree.wrapInNot(root, path))}
      />
    );
  }
  return kind === 'not' ? <NotGroup {...props} pointer={pointer} /> : <ListGroup {...props} kind={kind} pointer={pointer} />;
}

const frame = (color: string) => ({ borderInlineStart: `3px solid ${color}`, padding: '8px 0 8px 12px', margin: '4px 0', background: 'rgba(22,119,255,0.03)' });

function NotGroup(props: Shared & { node: CondNode; path: PathToken[]; pointer: string }) {
  const t = useT();
  const { node, path, root, onChange, pointer } = props;
  return (
    <div data-testid="condition-group" data-kind="not" data-pointer={pointer} style={frame('#cf1322')}>
      <Space>
        <Tag color="red">{t('rules.tree.not')}</Tag>
        <Typography.Text type="secondary">{t('rules.tree.notHint')}</Typography.Text>
        <Button size="small" icon={<UndoOutlined />} onClick={() => onChange(tree.unwrapNot(root, path))}>
          {t('rules.tree.unwrapNot')}
        </Button>
      </Space>
      {node.not && <NodeEditor {...props} node={node.not} path={[...path, 'not']} />}
    </div>
  );
}

function ListGroup(props: Shared & { node: CondNode; path: PathToken[]; kind: 'all' | 'any'; pointer: string }) {
  const t = useT();
  const { node, path, root, onChange, kind, pointer, catalog } = props;
  const members = node[kind] ?? [];
  const first = catalog.facts[0];
  const canAdd = tree.canAddMember(root, path);
  return (
    <div data-testid="condition-group" data-kind={kind} data-pointer={pointer} style={frame(kind === 'all' ? '#1677ff' : '#d48806')}>
      <Space wrap>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          size="small"
          aria-label={t('rules.tree.groupKind')}
          value={kind}
          options={[
            { value: 'all', label: t('rules.tree.all') },
            { value: 'any', label: t('rules.tree.any') },
          ]}
          onChange={(e) => onChange(tree.setGroupKind(root, path, e.target.value as 'all' | 'any'))}
        />
        <Button size="small" icon={<PlusOutlined />} disabled={!canAdd || !first} onClick={() => first && onChange(tree.addMember(root, path, newLeaf(catalog, first)))}>
          {t('rules.tree.addCondition')}
        </Button>
        <Tooltip title={tree.canNestGroup(path) ? undefined : t('rules.tree.tooDeep')}>
          <Button size="small" icon={<ApartmentOutlined />} disabled={!canAdd || !tree.canNestGroup(path)} onClick={() => onChange(tree.addMember(root, path, { [kind === 'all' ? 'any' : 'all']: [] }))}>
            {t('rules.tree.addGroup')}
          </Button>
        </Tooltip>
        <Button size="small" icon={<StopOutlined />} onClick={() => onChange(tree.wrapInNot(root, path))}>
          {t('rules.tree.wrapNot')}
        </Button>
        {path.length > 0 && (
          <Button size="small" danger icon={<DeleteOutlined />} onClick={() => onChange(tree.removeAt(root, path))}>
            {t('rules.tree.removeGroup')}
          </Button>
        )}
      </Space>
      {members.length === 0 && (
        <Typography.Paragraph type="secondary" style={{ margin: '6px 0' }}>
          {t('rules.tree.empty')}
        </Typography.Paragraph>
      )}
      <FieldProblems findings={props.findings} pointer={`${pointer}/${kind}`} />
      {members.map((child, i) => (
        <div key={i} style={{ display: 'flex', alignItems: 'flex-start', gap: 4 }}>
          <Space orientation="vertical" size={0} style={{ paddingTop: 8 }}>
            <Button size="small" type="text" aria-label={t('rules.tree.moveUp')} icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => onChange(tree.moveMember(root, [...path, kind, i], -1))} />
            <Button size="small" type="text" aria-label={t('rules.tree.moveDown')} icon={<ArrowDownOutlined />} disabled={i === members.length - 1} onClick={() => onChange(tree.moveMember(root, [...path, kind, i], 1))} />
          </Space>
          <div style={{ flex: 1 }}>
            <NodeEditor {...props} node={child} path={[...path, kind, i]} />
          </div>
        </div>
      ))}
    </div>
  );
}
